/**
 * Inside Chrome's offscreen document: starts the listener host in a worker and connects it to
 * the background through the message protocol.
 */
import { onMessage, sendMessage } from '../messaging';
import { playNotificationSound } from './controller';
import { relay } from './relay';
import { connectWorkerHost } from './worker-bridge';

/** How long the worker may take to say how it is before it is taken for dead and replaced. */
const WORKER_ANSWER_MS = 5_000;

export function startOffscreenHost(): void {
  const sink = relay((event) => sendMessage('hostEvent', event));
  const spawn = () =>
    new Worker(new URL('./listener-worker.ts', import.meta.url), { type: 'module' });
  let worker = spawn();
  let host = connectWorkerHost(worker, sink);

  onMessage('hostStart', async ({ data }) => {
    try {
      const accessToken = await sendMessage('hostCredentials', undefined);
      if (!accessToken) return { ok: false, notSignedIn: true };
      await host.start({ ...data.config, accessToken }, data.retention);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
  onMessage('hostStop', async ({ data }) => {
    await host.stop(data);
    return { ok: true };
  });
  onMessage('hostPlaySound', () => playNotificationSound());
  onMessage('hostPing', async () => {
    try {
      return { alive: true, ...(await host.check(WORKER_ANSWER_MS)) } as const;
    } catch {
      // A worker that no longer answers is replaced; the watchdog, seeing nothing listening,
      // asks the new one to start.
      worker.terminate();
      worker = spawn();
      host = connectWorkerHost(worker, sink);
      return { alive: true, listening: false } as const;
    }
  });

  // A new document (browser start, crash, watchdog): ask the background for work.
  void sendMessage('hostReady', undefined).catch(() => undefined);
}
