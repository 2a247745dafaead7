/** The timings Twitch's docs leave open: how the superseded socket ends, how the image CDN fails. */
import { afterEach, describe, expect, it } from 'vitest';
import { openSocket, subscribe, typeOf, useTestSim, waitFor } from './support.js';

const sim = useTestSim();
afterEach(() => {
  sim.control.configure({
    supersededEnd: 'close',
    supersededCloseCode: 1000,
    reconnectCloseDelayMs: 1000,
    cdnFault: 'none',
  });
});

/** A socket with one subscription, asked to reconnect and followed to its reconnect URL. */
async function handover() {
  const token = await sim.token('demo_viewer', ['user:read:chat']);
  const old = await sim.socket();
  const oldId = await old.sessionId();
  await subscribe(token, oldId, 'channel.chat.message', '1', {
    broadcaster_user_id: '100001',
    user_id: '100003',
  });
  sim.control.reconnect({ sessionId: oldId });
  const r = await old.next((m) => typeOf(m) === 'session_reconnect');
  const url = String((r.payload as { session: { reconnect_url: string } }).session.reconnect_url);
  const fresh = await openSocket(url);
  await fresh.sessionId();
  return { old, oldId, fresh };
}

describe('the superseded socket after a reconnect', () => {
  it.each([
    { end: 'close' as const, code: 4004, delay: 0, seen: 4004 },
    { end: 'close' as const, code: 4004, delay: 100, seen: 4004 },
    { end: 'cut' as const, code: 4004, delay: 0, seen: 1006 },
  ])('$end ($code) after $delay ms: the client sees $seen', async ({ end, code, delay, seen }) => {
    sim.control.configure({
      supersededEnd: end,
      supersededCloseCode: code,
      reconnectCloseDelayMs: delay,
    });
    const { old, fresh } = await handover();
    expect((await old.closed).code).toBe(seen);
    // The new session keeps its subscription and delivers.
    sim.control.trigger({ type: 'channel.chat.message', text: 'after' });
    await fresh.next((m) => typeOf(m) === 'notification');
    await fresh.close();
  });

  it('never: the old socket stays open until the client closes it', async () => {
    sim.control.configure({ supersededEnd: 'never', reconnectCloseDelayMs: 0 });
    const { old, oldId, fresh } = await handover();
    // Long after the welcome on the new socket, the old one is still open on both ends.
    await new Promise((r) => setTimeout(r, 300));
    expect(old.ws.readyState).toBe(old.ws.OPEN);
    expect(sim.control.sockets({ sessionId: oldId })[0]?.state).toBe('reconnecting');
    await old.close();
    await waitFor(() => sim.control.sockets({ sessionId: oldId })[0]?.state === 'closed');
    await fresh.close();
  });

  it('refuses an unknown way to end it', () => {
    expect(() => sim.control.configure({ supersededEnd: 'sometimes' as never })).toThrow(
      /supersededEnd must be one of close, cut, never/,
    );
  });
});

describe('image CDN faults', () => {
  const AVATAR = 'https://static-cdn.jtvnw.net/jtv_user_pictures/demo-profile_image-300x300.png';

  it('serves profile pictures as PNG', async () => {
    const res = await sim.twitchFetch(AVATAR);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('unreachable: the connection fails', async () => {
    sim.control.configure({ cdnFault: 'unreachable' });
    await expect(sim.twitchFetch(AVATAR)).rejects.toThrow();
  });

  it('hang: accepted and never answered', async () => {
    sim.control.configure({ cdnFault: 'hang' });
    const before = sim.control.cdnRequests().length;
    await expect(sim.twitchFetch(AVATAR, { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /abort|timeout/i,
    );
    const request = sim.control.cdnRequests().at(before);
    expect(request).toMatchObject({
      path: expect.stringContaining('demo-profile_image'),
      fault: 'hang',
    });
  });

  it('notFound, notImage: a 404, and a page that is not an image', async () => {
    sim.control.configure({ cdnFault: 'notFound' });
    expect((await sim.twitchFetch(AVATAR)).status).toBe(404);
    sim.control.configure({ cdnFault: 'notImage' });
    const res = await sim.twitchFetch(AVATAR);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
  });

  it('huge: announces 64 MB of image', async () => {
    sim.control.configure({ cdnFault: 'huge' });
    const controller = new AbortController();
    const res = await sim.twitchFetch(AVATAR, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Number(res.headers.get('content-length'))).toBe(64 * 1024 * 1024);
    controller.abort();
  });
});
