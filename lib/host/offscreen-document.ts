/**
 * Inside Chrome's offscreen document: starts the listener host in a worker and connects it to
 * the background through the message protocol.
 */
import { onMessage, sendMessage } from '../messaging';
import { playNotificationSound } from './controller';
import { connectWorkerHost } from './worker-bridge';

export function startOffscreenHost(): void {
  const worker = new Worker(new URL('./listener-worker.ts', import.meta.url), { type: 'module' });
  const forward = (send: () => Promise<unknown>) => void send().catch(() => undefined);
  const host = connectWorkerHost(worker, {
    status: (status) => forward(() => sendMessage('hostStatus', status)),
    recorded: (events) => forward(() => sendMessage('hostRecorded', { events })),
    sessionEnded: (reason) => forward(() => sendMessage('hostSessionEnded', reason)),
  });

  onMessage('hostStart', async ({ data }) => {
    try {
      const accessToken = await sendMessage('hostCredentials', undefined);
      if (!accessToken) return { ok: false, error: 'Not signed in.' };
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
  onMessage('hostPing', () => ({ alive: true, ...host.state() }) as const);

  // A new document (browser start, crash, watchdog): ask the background for work.
  forward(() => sendMessage('hostReady', undefined));
}
