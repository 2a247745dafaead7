import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog.js';
import { DEMO_CLIENT_ID } from '../tokens.js';
import {
  DEMO,
  MOD,
  RFC3339_NANO,
  VIEWER,
  subscribe,
  typeOf,
  useTestSim,
  waitFor,
} from './support.js';
import type { RawSocket } from './support.js';

const sim = useTestSim();

describe('session', () => {
  it('welcomes with Twitch’s envelope and clamps keepalive_timeout_seconds', async () => {
    const s = await sim.socket();
    const w = await s.welcome;
    const meta = w.metadata as Record<string, string>;
    expect(meta.message_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.message_timestamp).toMatch(RFC3339_NANO);
    const session = (w.payload as { session: Record<string, unknown> }).session;
    expect(session).toMatchObject({
      status: 'connected',
      keepalive_timeout_seconds: 10,
      reconnect_url: null,
      recovery_url: null,
    });
    expect(String(session.connected_at)).toMatch(RFC3339_NANO);
    const low = await sim.socket('?keepalive_timeout_seconds=3');
    const high = await sim.socket('?keepalive_timeout_seconds=9000');
    const ok = await sim.socket('?keepalive_timeout_seconds=30');
    const ka = async (x: RawSocket) =>
      ((await x.welcome).payload as { session: { keepalive_timeout_seconds: number } }).session
        .keepalive_timeout_seconds;
    expect([await ka(low), await ka(high), await ka(ok)]).toEqual([10, 600, 30]);
    for (const x of [s, low, high, ok]) await x.close();
  });

  it('sends keepalives only when idle', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const idle = await sim.socket();
    const busy = await sim.socket();
    await subscribe(token, await idle.sessionId(), 'stream.online', '1', {
      broadcaster_user_id: '100010',
    });
    await subscribe(token, await busy.sessionId(), 'channel.chat.message', '1', {
      broadcaster_user_id: DEMO,
      user_id: VIEWER,
    });
    const start = Date.now();
    const timer = setInterval(() => sim.control.trigger({ type: 'channel.chat.message' }), 1000);
    const keepalive = await idle.next((m) => typeOf(m) === 'session_keepalive', 11_000);
    clearInterval(timer);
    const elapsed = Date.now() - start;
    expect(elapsed).toBeGreaterThan(7000);
    expect(elapsed).toBeLessThan(10_000);
    expect(keepalive.payload).toEqual({});
    expect(busy.messages.filter((m) => typeOf(m) === 'session_keepalive')).toHaveLength(0);
    expect(busy.messages.filter((m) => typeOf(m) === 'notification').length).toBeGreaterThanOrEqual(
      7,
    );
    await idle.close();
    await busy.close();
  }, 20_000);
});

describe('close codes', () => {
  it('closes with 4001 on an inbound frame', async () => {
    const s = await sim.socket();
    await s.welcome;
    s.ws.send('hello?');
    expect((await s.closed).code).toBe(4001);
  });

  it('closes with 4003 when no subscription is created in time', async () => {
    sim.control.configure({ unusedTimeoutMs: 300 });
    try {
      const s = await sim.socket();
      const closed = await s.closed;
      expect(closed).toEqual({ code: 4003, reason: 'connection unused' });
    } finally {
      sim.control.configure({ unusedTimeoutMs: null });
    }
  });

  it('closes with 4000/4002/4005/4006/4007 on demand and disables the subscriptions', async () => {
    const token = await sim.token('demo_mod', ['user:read:chat']);
    for (const code of [4000, 4002, 4005, 4006, 4007]) {
      const s = await sim.socket();
      const session = await s.sessionId();
      expect(
        (
          await subscribe(token, session, 'channel.chat.clear', '1', {
            broadcaster_user_id: DEMO,
            user_id: MOD,
          })
        ).status,
      ).toBe(202);
      expect(sim.control.dropSockets({ sessionId: session, code }).closed).toEqual([session]);
      expect((await s.closed).code).toBe(code);
      expect(sim.control.sockets({ sessionId: session })[0]).toMatchObject({
        state: 'closed',
        closeCode: code,
      });
    }
    expect(
      sim.control
        .subscriptions({ login: 'demo_mod', type: 'channel.chat.clear' })
        .every((s) => s.status === 'websocket_disconnected'),
    ).toBe(true);
  });

  it('closes with 4007 for an invalid reconnect URL', async () => {
    const s = await sim.socket('?reconnect=not-a-real-one');
    expect((await s.closed).code).toBe(4007);
  });

  it('closes with 4004 when the client does not follow session_reconnect within the grace period', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    await subscribe(token, session, 'channel.chat.clear', '1', {
      broadcaster_user_id: DEMO,
      user_id: VIEWER,
    });
    const { sessions } = sim.control.reconnect({ sessionId: session, graceMs: 300 });
    expect(sessions[0]?.reconnectUrl).toMatch(/^wss:\/\/eventsub\.wss\.twitch\.tv(:\d+)?\/ws\?/);
    const msg = await s.next((m) => typeOf(m) === 'session_reconnect');
    expect((msg.payload as { session: Record<string, unknown> }).session).toMatchObject({
      id: session,
      status: 'reconnecting',
      keepalive_timeout_seconds: null,
      reconnect_url: sessions[0]?.reconnectUrl,
    });
    // Still delivering while the reconnect is pending.
    sim.control.trigger({ type: 'channel.chat.clear' });
    await s.next((m) => typeOf(m) === 'notification');
    expect((await s.closed).code).toBe(4004);
  });
});

describe('reconnect, revocation, resend, malformed frames', () => {
  it('moves subscriptions to the new session on reconnect and closes the old socket after the welcome', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const old = await sim.socket();
    const oldId = await old.sessionId();
    const sub = await subscribe(token, oldId, 'channel.chat.message', '1', {
      broadcaster_user_id: DEMO,
      user_id: VIEWER,
    });
    const subId = sub.body.data?.[0]?.id;
    sim.control.reconnect({ sessionId: oldId });
    const r = await old.next((m) => typeOf(m) === 'session_reconnect');
    const url = String((r.payload as { session: { reconnect_url: string } }).session.reconnect_url);
    sim.control.trigger({ type: 'channel.chat.message', text: 'in flight' });
    const fresh = await (await import('./support.js')).openSocket(url);
    const freshId = await fresh.sessionId();
    expect(freshId).not.toBe(oldId);
    sim.control.trigger({ type: 'channel.chat.message', text: 'after' });
    const after = await fresh.next((m) => typeOf(m) === 'notification');
    expect(
      (after.payload as { subscription: { id: string; transport: { session_id: string } } })
        .subscription,
    ).toMatchObject({
      id: subId,
      transport: { session_id: freshId },
    });
    expect(old.messages.filter((m) => typeOf(m) === 'notification')).toHaveLength(1);
    expect((await old.closed).code).toBe(1000);
    expect(
      sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' }).map((s) => s.id),
    ).toContain(subId);
    await fresh.close();
  });

  it('sends a revocation once and removes the subscription', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    const sub = (
      await subscribe(token, session, 'channel.chat_settings.update', '1', {
        broadcaster_user_id: DEMO,
        user_id: VIEWER,
      })
    ).body.data?.[0];
    expect(
      sim.control.revokeSubscription({ id: String(sub?.id), status: 'user_removed' }).revoked,
    ).toEqual([sub?.id]);
    const rev = await s.next((m) => typeOf(m) === 'revocation');
    expect(rev.metadata).toMatchObject({
      subscription_type: 'channel.chat_settings.update',
      subscription_version: '1',
    });
    expect(rev.payload).toMatchObject({ subscription: { id: sub?.id, status: 'user_removed' } });
    expect((rev.payload as Record<string, unknown>).event).toBeUndefined();
    expect(sim.control.revokeSubscription({ id: String(sub?.id) }).revoked).toEqual([]);
    expect(sim.control.trigger({ type: 'channel.chat_settings.update' }).delivered).toHaveLength(0);
    await s.close();
  });

  it('resends a notification with the same message_id', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const s = await sim.socket();
    await subscribe(token, await s.sessionId(), 'channel.chat.clear_user_messages', '1', {
      broadcaster_user_id: DEMO,
      user_id: VIEWER,
    });
    const { delivered } = sim.control.trigger({ type: 'channel.chat.clear_user_messages' });
    const id = delivered[0]?.messageId;
    expect(sim.control.resend({ messageId: id }).messageId).toBe(id);
    await waitFor(
      () =>
        s.messages.filter((m) => (m.metadata as { message_id: string }).message_id === id)
          .length === 2,
    );
    expect(sim.control.resend().messageId).toBe(id);
    await s.close();
  });

  it('sends malformed frames interleaved with valid ones', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    await subscribe(token, session, 'channel.chat.message', '1', {
      broadcaster_user_id: DEMO,
      user_id: VIEWER,
    });
    const out = sim.control.malformed({
      sessionId: session,
      kind: 'all',
      count: 6,
      interleave: true,
    });
    expect(out).toMatchObject({ malformed: 6, valid: 6 });
    await waitFor(() => s.raw.length >= 13);
    expect(s.raw).toContain('<binary>');
    expect(
      s.raw.some((r) => {
        try {
          JSON.parse(r);
          return false;
        } catch {
          return r !== '<binary>';
        }
      }),
    ).toBe(true);
    expect(s.messages.some((m) => typeOf(m) === 'session_mystery')).toBe(true);
    expect(
      s.messages.filter(
        (m) => typeOf(m) === 'notification' && (m.payload as { event?: unknown }).event !== 42,
      ),
    ).toHaveLength(6);
    await s.close();
  });
});

describe('catalogue', () => {
  it('has a catalogue row and a generator for every type', async () => {
    const { GENERATORS } = await import('../events/index.js');
    for (const e of CATALOG) expect(GENERATORS[e.type], e.type).toBeTypeOf('function');
    expect(DEMO_CLIENT_ID).toHaveLength(30);
  });
});
