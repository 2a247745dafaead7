import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog.js';
import { DEMO_CLIENT_ID } from '../tokens.js';
import { helixFetch, startTestSim, subscribe, typeOf, waitFor } from './support.js';
import type { RawSocket, TestSim } from './support.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.close());

const DEMO = '100001';
const MOD = '100002';
const VIEWER = '100003';

const RFC3339_NANO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

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

describe('create subscription', () => {
  it('creates, notifies with the returned id, lists and deletes', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    const res = await subscribe(token, session, 'channel.chat.message', '1', {
      broadcaster_user_id: DEMO,
      user_id: VIEWER,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ total_cost: 0, max_total_cost: 10 });
    const sub = res.body.data?.[0] as Record<string, unknown>;
    expect(sub).toMatchObject({
      status: 'enabled',
      type: 'channel.chat.message',
      version: '1',
      cost: 0,
      transport: { method: 'websocket', session_id: session },
    });
    const stream = await subscribe(token, session, 'stream.online', '1', {
      broadcaster_user_id: DEMO,
    });
    expect(stream.body).toMatchObject({ total_cost: 1 });

    const result = sim.control.trigger({ type: 'channel.chat.message', text: 'hello Kappa @demo' });
    expect(result.delivered).toHaveLength(1);
    const n = await s.next((m) => typeOf(m) === 'notification');
    const meta = n.metadata as Record<string, string>;
    expect(meta).toMatchObject({
      subscription_type: 'channel.chat.message',
      subscription_version: '1',
    });
    expect(meta.message_timestamp).toMatch(RFC3339_NANO);
    const payload = n.payload as {
      subscription: Record<string, unknown>;
      event: Record<string, unknown>;
    };
    expect(payload.subscription).toMatchObject({
      id: sub.id,
      status: 'enabled',
      cost: 0,
      transport: { method: 'websocket', session_id: session },
    });
    const frags = (payload.event.message as { fragments: { type: string }[] }).fragments.map(
      (f) => f.type,
    );
    expect(frags).toEqual(['text', 'emote', 'text', 'mention']);

    const list = await helixFetch('/eventsub/subscriptions?type=stream.online', token);
    const listed = ((await list.json()) as { data: { status: string; type: string }[] }).data;
    expect(listed.filter((x) => x.status === 'enabled')).toHaveLength(1);
    expect(listed.every((x) => x.type === 'stream.online')).toBe(true);
    const del = await helixFetch(`/eventsub/subscriptions?id=${String(sub.id)}`, token, {
      method: 'DELETE',
    });
    expect(del.status).toBe(204);
    expect(
      (
        await helixFetch(`/eventsub/subscriptions?id=${String(sub.id)}`, token, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(404);
    await s.close();
  });

  it('paginates the list', async () => {
    const token = await sim.token('demo', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await subscribe(token, session, 'channel.chat.message', '1', {
            broadcaster_user_id: String(500 + i),
            user_id: DEMO,
          })
        ).status,
      ).toBe(202);
    }
    const page1 = (await (await helixFetch('/eventsub/subscriptions?first=3', token)).json()) as {
      data: unknown[];
      pagination: { cursor?: string };
      total: number;
    };
    expect(page1.data).toHaveLength(3);
    expect(page1.total).toBe(5);
    const page2 = (await (
      await helixFetch(
        `/eventsub/subscriptions?first=3&after=${page1.pagination.cursor ?? ''}`,
        token,
      )
    ).json()) as { data: unknown[]; pagination: object };
    expect(page2.data).toHaveLength(2);
    expect(page2.pagination).toEqual({});
    await s.close();
    await waitFor(
      () =>
        sim.control.subscriptions({ login: 'demo', status: 'websocket_disconnected' }).length === 5,
    );
    const disabled = (await (
      await helixFetch('/eventsub/subscriptions?status=websocket_disconnected', token)
    ).json()) as { data: Record<string, unknown>[]; total_cost: number };
    expect(disabled.data).toHaveLength(5);
    expect((disabled.data[0]?.transport as Record<string, unknown>).disconnected_at).toBeTruthy();
  });

  it('checks token, client, session, type, version and condition', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const other = await sim.token('demo_mod', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    const chat = { broadcaster_user_id: DEMO, user_id: VIEWER };
    expect(
      (await subscribe('bogus', session, 'stream.online', '1', { broadcaster_user_id: DEMO }))
        .status,
    ).toBe(401);
    const mismatch = await fetch('https://api.twitch.tv/helix/eventsub/subscriptions', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Client-Id': 'x'.repeat(30),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        type: 'stream.online',
        version: '1',
        condition: { broadcaster_user_id: DEMO },
        transport: { method: 'websocket', session_id: session },
      }),
    });
    expect(mismatch.status).toBe(401);
    const revoked = await sim.token('demo_viewer', ['user:read:chat']);
    sim.control.revokeToken({ token: revoked });
    expect(
      (await subscribe(revoked, session, 'stream.online', '1', { broadcaster_user_id: DEMO }))
        .status,
    ).toBe(401);

    const noSession = await subscribe(token, 'AgoQnope', 'stream.online', '1', {
      broadcaster_user_id: DEMO,
    });
    expect(noSession.status).toBe(400);
    expect(noSession.body).toMatchObject({ error: 'Bad Request', status: 400 });
    expect(
      (await subscribe(token, session, 'made.up', '1', { broadcaster_user_id: DEMO })).status,
    ).toBe(400);
    expect(
      (await subscribe(token, session, 'channel.update', '1', { broadcaster_user_id: DEMO }))
        .status,
    ).toBe(400);
    expect((await subscribe(token, session, 'stream.online', '1', { user_id: DEMO })).status).toBe(
      400,
    );
    expect(
      (
        await subscribe(token, session, 'stream.online', '1', {
          broadcaster_user_id: DEMO,
          extra: '1',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await subscribe(token, session, 'channel.raid', '1', {
          to_broadcaster_user_id: DEMO,
          from_broadcaster_user_id: MOD,
        })
      ).status,
    ).toBe(400);
    expect((await subscribe(token, session, 'channel.chat.message', '1', chat)).status).toBe(202);
    // The session now belongs to the viewer.
    expect(
      (
        await subscribe(other, session, 'channel.chat.message', '1', {
          broadcaster_user_id: DEMO,
          user_id: MOD,
        })
      ).status,
    ).toBe(400);
    // A closed session.
    await s.close();
    await waitFor(() => sim.control.sockets({ sessionId: session })[0]?.state === 'closed');
    expect(
      (await subscribe(token, session, 'stream.offline', '1', { broadcaster_user_id: DEMO }))
        .status,
    ).toBe(400);
  });

  it('enforces scopes and roles with 403 and duplicates with 409', async () => {
    const viewer = await sim.token('demo_viewer', [
      'user:read:chat',
      'moderator:read:followers',
      'channel:read:subscriptions',
    ]);
    const viewerNoScope = await sim.token('demo_viewer', []);
    const mod = await sim.token('demo_mod', [
      'moderator:read:followers',
      'moderator:read:chatters',
      'channel:read:subscriptions',
    ]);
    const owner = await sim.token('demo', [
      'channel:read:subscriptions',
      'moderator:read:followers',
    ]);
    const sv = await sim.socket();
    const sm = await sim.socket();
    const so = await sim.socket();
    const [v, m, o] = [await sv.sessionId(), await sm.sessionId(), await so.sessionId()];
    const forbidden = {
      error: 'Forbidden',
      status: 403,
      message: 'subscription missing proper authorization',
    };
    // Scope.
    expect(
      (
        await subscribe(viewerNoScope, v, 'channel.chat.message', '1', {
          broadcaster_user_id: DEMO,
          user_id: VIEWER,
        })
      ).body,
    ).toEqual(forbidden);
    // user_id must be the token's user.
    expect(
      (
        await subscribe(viewer, v, 'channel.chat.message', '1', {
          broadcaster_user_id: DEMO,
          user_id: MOD,
        })
      ).status,
    ).toBe(403);
    // Moderator types: a viewer is not a moderator; the moderator and the broadcaster are.
    expect(
      (
        await subscribe(viewer, v, 'channel.follow', '2', {
          broadcaster_user_id: DEMO,
          moderator_user_id: VIEWER,
        })
      ).body,
    ).toEqual(forbidden);
    expect(
      (
        await subscribe(mod, m, 'channel.follow', '2', {
          broadcaster_user_id: DEMO,
          moderator_user_id: MOD,
        })
      ).status,
    ).toBe(202);
    expect(
      (
        await subscribe(owner, o, 'channel.follow', '2', {
          broadcaster_user_id: DEMO,
          moderator_user_id: DEMO,
        })
      ).status,
    ).toBe(202);
    // channel.moderate accepts any moderator:read:* scope.
    expect(
      (
        await subscribe(mod, m, 'channel.moderate', '2', {
          broadcaster_user_id: DEMO,
          moderator_user_id: MOD,
        })
      ).status,
    ).toBe(202);
    // Broadcaster-only types.
    expect(
      (await subscribe(viewer, v, 'channel.subscribe', '1', { broadcaster_user_id: DEMO })).status,
    ).toBe(403);
    expect(
      (await subscribe(mod, m, 'channel.subscribe', '1', { broadcaster_user_id: DEMO })).status,
    ).toBe(403);
    const ok = await subscribe(owner, o, 'channel.subscribe', '1', { broadcaster_user_id: DEMO });
    expect(ok.status).toBe(202);
    expect(ok.body.total_cost).toBe(0);
    // Duplicate.
    const dup = await subscribe(owner, o, 'channel.subscribe', '1', { broadcaster_user_id: DEMO });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: 'Conflict', status: 409 });
    for (const s of [sv, sm, so]) await s.close();
  });

  it('applies the cost rules and max_total_cost 10', async () => {
    const token = await sim.token('nightowl_tv', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    const channels = ['100010', '100011', '100012', '100013', '100001'];
    let last: Awaited<ReturnType<typeof subscribe>> | undefined;
    for (const id of channels) {
      for (const type of ['stream.online', 'stream.offline']) {
        last = await subscribe(token, session, type, '1', { broadcaster_user_id: id });
        expect(last.status).toBe(202);
      }
    }
    expect(last?.body).toMatchObject({ total_cost: 10, max_total_cost: 10 });
    const over = await subscribe(token, session, 'channel.update', '2', {
      broadcaster_user_id: '100010',
    });
    expect(over.status).toBe(429);
    // Own channel and own chat cost 0 even at the limit.
    expect(
      (await subscribe(token, session, 'stream.online', '1', { broadcaster_user_id: '100014' }))
        .body.total_cost,
    ).toBe(10);
    expect(
      (
        await subscribe(token, session, 'channel.chat.message', '1', {
          broadcaster_user_id: '100010',
          user_id: '100014',
        })
      ).status,
    ).toBe(202);
    // Disabled subscriptions stop counting.
    await s.close();
    await waitFor(() => sim.control.sockets({ sessionId: session })[0]?.state === 'closed');
    const s2 = await sim.socket();
    const again = await subscribe(token, await s2.sessionId(), 'channel.update', '2', {
      broadcaster_user_id: '100010',
    });
    expect(again.status).toBe(202);
    expect(again.body.total_cost).toBe(1);
    await s2.close();
  });

  it('allows 300 subscriptions per connection', async () => {
    const token = await sim.token('speedrunsam', ['user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    const results = await Promise.all(
      Array.from({ length: 301 }, (_, i) =>
        subscribe(token, session, 'channel.chat.message', '1', {
          broadcaster_user_id: String(900_000 + i),
          user_id: '100011',
        }).then((r) => r.status),
      ),
    );
    expect(results.filter((r) => r === 202)).toHaveLength(300);
    expect(results.filter((r) => r === 429)).toHaveLength(1);
    await s.close();
  });

  it('allows 3 connections with subscriptions per user and client', async () => {
    const token = await sim.token('cozycrafter', ['user:read:chat']);
    const sockets = await Promise.all([0, 1, 2, 3].map(() => sim.socket()));
    const statuses: number[] = [];
    for (const [i, s] of sockets.entries()) {
      statuses.push(
        (
          await subscribe(token, await s.sessionId(), 'channel.chat.message', '1', {
            broadcaster_user_id: String(700 + i),
            user_id: '100012',
          })
        ).status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    const res = await subscribe(token, await sockets[3]!.sessionId(), 'channel.chat.message', '1', {
      broadcaster_user_id: '799',
      user_id: '100012',
    });
    expect(res.body).toEqual({
      error: 'Too Many Requests',
      status: 429,
      message: 'number of websocket transports limit exceeded',
    });
    // A second subscription on an existing connection is fine.
    expect(
      (
        await subscribe(token, await sockets[0]!.sessionId(), 'channel.chat.message', '1', {
          broadcaster_user_id: '798',
          user_id: '100012',
        })
      ).status,
    ).toBe(202);
    for (const s of sockets) await s.close();
  });

  it('has a catalogue row and a generator for every type', async () => {
    const { GENERATORS } = await import('../events/index.js');
    for (const e of CATALOG) expect(GENERATORS[e.type], e.type).toBeTypeOf('function');
    expect(DEMO_CLIENT_ID).toHaveLength(30);
  });
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
