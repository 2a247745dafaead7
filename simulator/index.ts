/** In-process entry point: `startSimulator()` (see docs/simulator-contract.md). */
import type { AddressInfo } from 'node:net';
import { Activity } from './activity.js';
import { createControl, type SimulatorControl } from './control.js';
import { Core } from './core.js';
import { createSimServer } from './server.js';
import { StreamSchedule } from './stream-schedule.js';
import { makeCertificate } from './tls.js';

export { OPERATIONS, MALFORMED_KINDS } from './control.js';
export type { FirehoseReport, MalformedKind, SessionFilter, SimulatorControl } from './control.js';
export type { TriggerOptions } from './events/index.js';
export type { TriggerResult } from './core.js';
export { CATALOG } from './catalog.js';
export { DEMO_CLIENT_ID, DEMO_REDIRECT_URI } from './tokens.js';
export { CLOSE_REASONS } from './eventsub.js';

export interface SimulatorOptions {
  /** 0 = any free port (default). */
  port?: number;
  /** quiet: nothing happens unless triggered (tests); demo: a lively channel. */
  world?: 'quiet' | 'demo';
  log?: boolean;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
}

export interface Simulator {
  port: number;
  /** base64 SHA-256 of the certificate's public key. */
  spki: string;
  /** PEM of the self-signed certificate (for Node clients' `ca`). */
  cert: string;
  /** --host-resolver-rules=… and --ignore-certificate-errors-spki-list=… */
  chromiumArgs: string[];
  control: SimulatorControl;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const log = options.log ? (msg: string) => console.log(`[sim] ${msg}`) : () => undefined;
  const cert = await makeCertificate();
  const core = new Core(log);
  const activity = new Activity(core);
  const schedule = new StreamSchedule(core);
  const control = createControl(core, activity, schedule);
  const server = createSimServer(core, control, cert);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (options.world === 'demo') {
    activity.start();
    schedule.start();
  }
  log(`listening on 127.0.0.1:${port}, SPKI ${cert.spki}`);
  let closed = false;
  return {
    port,
    spki: cert.spki,
    cert: cert.cert,
    chromiumArgs: [
      `--host-resolver-rules=MAP *.twitch.tv 127.0.0.1:${port},MAP *.jtvnw.net 127.0.0.1:${port}`,
      `--ignore-certificate-errors-spki-list=${cert.spki}`,
    ],
    control,
    async close() {
      if (closed) return;
      closed = true;
      activity.stop();
      schedule.stop();
      control.firehoseStop();
      core.eventsub.close();
      core.cdn.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
