import { describe, expect, it } from 'vitest';
import {
  DEMO,
  MOD,
  RFC3339_NANO,
  VIEWER,
  helixFetch,
  subscribe,
  typeOf,
  useTestSim,
  waitFor,
} from './support.js';

const sim = useTestSim();

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

  it('refuses a condition key Twitch does not take for the type, as Twitch does (400)', async () => {
    const owner = await sim.token('demo', ['channel:read:ads']);
    const s = await sim.socket();
    const session = await s.sessionId();
    // Twitch's docs once named this key broadcaster_id; Twitch takes broadcaster_user_id.
    const wrong = await subscribe(owner, session, 'channel.ad_break.begin', '1', {
      broadcaster_id: DEMO,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'Bad Request', status: 400 });
    expect(String(wrong.body.message)).toContain('broadcaster_id');
    const right = await subscribe(owner, session, 'channel.ad_break.begin', '1', {
      broadcaster_user_id: DEMO,
    });
    expect(right.status).toBe(202);
    expect(right.body.data?.[0]?.condition).toEqual({ broadcaster_user_id: DEMO });
    const result = sim.control.trigger({ type: 'channel.ad_break.begin', channel: 'demo' });
    expect(result.delivered).toHaveLength(1);
    await s.close();
  });

  it('takes the newer types with the scopes, roles and conditions Twitch documents', async () => {
    const viewer = await sim.token('demo_viewer', ['user:read:chat']);
    const mod = await sim.token('demo_mod', [
      'user:read:chat',
      'moderator:read:automod_settings',
      'moderator:manage:automod',
      'channel:read:vips',
      'moderation:read',
    ]);
    const owner = await sim.token('demo', [
      'bits:read',
      'channel:read:vips',
      'moderation:read',
      'channel:read:redemptions',
    ]);
    const [sv, sm, so] = [await sim.socket(), await sim.socket(), await sim.socket()];
    const [v, m, o] = [await sv.sessionId(), await sm.sessionId(), await so.sessionId()];
    const mine = { broadcaster_user_id: DEMO };
    const status = async (...args: Parameters<typeof subscribe>) =>
      (await subscribe(...args)).status;

    // The viewer's own held messages: user_id must be the viewer, cost 0.
    const hold = await subscribe(viewer, v, 'channel.chat.user_message_hold', '1', {
      broadcaster_user_id: DEMO,
      user_id: VIEWER,
    });
    expect(hold.status).toBe(202);
    expect(hold.body.data?.[0]?.cost).toBe(0);
    expect(
      await status(viewer, v, 'channel.chat.user_message_update', '1', {
        broadcaster_user_id: DEMO,
        user_id: MOD,
      }),
    ).toBe(403);
    expect(
      await status(viewer, v, 'channel.chat.user_message_update', '1', {
        broadcaster_user_id: DEMO,
        user_id: VIEWER,
      }),
    ).toBe(202);
    // AutoMod settings and terms: moderators, each with its scope.
    const asMod = { broadcaster_user_id: DEMO, moderator_user_id: MOD };
    expect(await status(mod, m, 'automod.settings.update', '1', asMod)).toBe(202);
    expect(await status(mod, m, 'automod.terms.update', '1', asMod)).toBe(202);
    expect(await status(mod, m, 'automod.settings.update', '1', mine)).toBe(400);
    // VIPs, moderators, bits and rewards: the broadcaster only, even with the scope.
    for (const type of ['channel.vip.add', 'channel.moderator.add'])
      expect(await status(mod, m, type, '1', mine), type).toBe(403);
    for (const type of [
      'channel.bits.use',
      'channel.vip.add',
      'channel.vip.remove',
      'channel.moderator.add',
      'channel.moderator.remove',
      'channel.channel_points_custom_reward.add',
      'channel.channel_points_custom_reward.update',
      'channel.channel_points_custom_reward.remove',
    ])
      expect(await status(owner, o, type, '1', mine), type).toBe(202);
    // reward_id is optional where Twitch takes it, and refused where it does not.
    const reward = { broadcaster_user_id: DEMO, reward_id: 'f2b9a6c4-1f4c-4d38-9b3e-5d6f7a8b9c01' };
    expect(
      await status(owner, o, 'channel.channel_points_custom_reward_redemption.add', '1', reward),
    ).toBe(202);
    expect(await status(owner, o, 'channel.channel_points_custom_reward.add', '1', reward)).toBe(
      400,
    );

    // Delivery: a held message reaches its author only.
    expect(
      sim.control.trigger({ type: 'channel.chat.user_message_hold', user: 'demo_viewer' })
        .delivered,
    ).toHaveLength(1);
    expect(
      sim.control.trigger({ type: 'channel.chat.user_message_hold', user: 'lurking_lucy' })
        .delivered,
    ).toHaveLength(0);
    const update = sim.control.trigger({
      type: 'channel.chat.user_message_update',
      user: 'demo_viewer',
      action: 'approved',
    });
    expect(update.delivered).toHaveLength(1);
    expect(update.event.status).toBe('approved');
    const bits = sim.control.trigger({ type: 'channel.bits.use', action: 'power_up' });
    expect(bits.delivered).toHaveLength(1);
    expect(bits.event).toMatchObject({ type: 'power_up', broadcaster_user_id: DEMO });
    expect(bits.event.power_up).toMatchObject({ type: expect.any(String) });
    for (const s of [sv, sm, so]) await s.close();
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
    // Broadcasters who have not authorized the client id (demo signs in earlier in this file).
    const channels = ['100010', '100011', '100012', '100013', '300001'];
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
});
