/** The state directory (`.sim/`) through which `npm run sim -- <op>` finds a running simulator. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const stateDir = (): string => resolve(process.env.SIM_STATE_DIR ?? '.sim');

export function writeState(sim: { port: number; spki: string; cert: string }): void {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'port'), `${sim.port}\n`);
  writeFileSync(join(dir, 'spki'), `${sim.spki}\n`);
  writeFileSync(join(dir, 'cert.pem'), sim.cert);
}

export function clearState(): void {
  rmSync(join(stateDir(), 'port'), { force: true });
}

export function readState(name: 'port' | 'spki' | 'cert.pem'): string | undefined {
  try {
    return readFileSync(join(stateDir(), name), 'utf8').trim();
  } catch {
    return undefined;
  }
}
