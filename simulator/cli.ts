/**
 * `npm run sim -- [--port N] [--world demo|quiet]` starts the simulator.
 * `npm run sim -- <operation> [positional] [--flag value …]` runs a control operation on a running one.
 */
import { request } from 'node:https';
import { parseArgs } from './cli-args.js';
import { OPERATIONS } from './control.js';
import { startSimulator } from './index.js';
import { clearState, readState, stateDir, writeState } from './state.js';

/** Positional argument per operation. */
const POSITIONAL: Record<string, string> = {
  trigger: 'type',
  revokeSubscription: 'id',
  resend: 'messageId',
  failHelix: 'path',
};

async function serve(flags: Record<string, unknown>): Promise<void> {
  const port =
    typeof flags.port === 'number' ? flags.port : Number(flags.port ?? process.env.SIM_PORT ?? 0);
  const world = flags.world === 'quiet' ? 'quiet' : 'demo';
  const sim = await startSimulator({ port, world, log: flags.log !== false });
  writeState(sim);
  console.log(`Twitch simulator (${world} world) listening on https://127.0.0.1:${sim.port}`);
  console.log(`port: ${sim.port}`);
  console.log(`spki: ${sim.spki}`);
  console.log('Chromium flags:');
  for (const a of sim.chromiumArgs) console.log(`  '${a}'`);
  console.log(`Control: npm run sim -- <operation> [--flags]   (state in ${stateDir()})`);
  let stopping = false;
  const stop = (): void => {
    // Ctrl+C reaches this process twice (terminal group + tsx relay): stop once.
    if (stopping) return;
    stopping = true;
    clearState();
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function call(
  op: string,
  positional: string[],
  flags: Record<string, unknown>,
): Promise<void> {
  const port = Number(flags.port ?? process.env.SIM_PORT ?? readState('port'));
  if (!port)
    throw new Error(
      `no running simulator found: pass --port or start one with "npm run sim" (${stateDir()}/port)`,
    );
  const cert = readState('cert.pem');
  const { port: _p, json, ...rest } = flags;
  void _p;
  const body: Record<string, unknown> = {
    ...(typeof json === 'object' && json !== null ? json : {}),
    ...rest,
  };
  const posKey = POSITIONAL[op];
  if (posKey && positional[0] !== undefined) body[posKey] = positional[0];
  if (op === 'firehose' && body.wait === undefined) body.wait = true;
  const result = await new Promise<{ status: number; text: string }>((resolveP, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/_sim/${op}`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        ...(cert ? { ca: cert } : { rejectUnauthorized: false }),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolveP({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
  let out: unknown = result.text;
  try {
    out = JSON.parse(result.text) as unknown;
  } catch {
    /* plain text */
  }
  console.log(typeof out === 'string' ? out : JSON.stringify(out, null, 2));
  if (result.status >= 400) process.exitCode = 1;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { positional, flags } = parseArgs(argv);
  const op = positional.shift();
  if (flags.help || op === 'help') {
    console.log(
      `Usage:\n  npm run sim -- [--port N] [--world demo|quiet]\n  npm run sim -- <operation> [arg] [--flag value …]\nOperations: ${OPERATIONS.join(', ')}\nSee simulator/README.md.`,
    );
    return;
  }
  if (op === undefined || op === 'serve') return serve(flags);
  return call(op, positional, flags);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
