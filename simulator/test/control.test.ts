import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog.js';
import { parseArgs } from '../cli-args.js';
import { OPERATIONS } from '../control.js';
import { NOTICE_TYPES } from '../events/index.js';
import { helixFetch, subscribe, typeOf, useTestSim, waitFor } from './support.js';

const sim = useTestSim();

const get = (o: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      o,
    );

describe('control surface', () => {
  it('has exactly the operations HTTP and the CLI accept', () => {
    expect(Object.keys(sim.control).sort()).toEqual([...OPERATIONS].sort());
  });
});

describe('control over HTTP', () => {
  it('answers /_sim/<op> on 127.0.0.1 but not on a Twitch host', async () => {
    const res = await sim.http('channels');
    expect(res.status).toBe(200);
    expect((res.body as { login: string }[]).map((c) => c.login)).toContain('demo');
    expect((await sim.http('nope')).status).toBe(400);
    const onTwitch = await fetch('https://api.twitch.tv/_sim/channels', { method: 'POST' });
    expect(onTwitch.status).toBe(404);
    const bad = await sim.http('trigger', { type: 'not.a.type' });
    expect(bad.status).toBe(400);
  });

  it('triggers with overrides (deep merge) and reports deliveries', async () => {
    const token = await sim.token('demo', ['bits:read', 'user:read:chat']);
    const s = await sim.socket();
    const session = await s.sessionId();
    await subscribe(token, session, 'channel.cheer', '1', { broadcaster_user_id: '100001' });
    const res = await sim.http('trigger', {
      type: 'channel.cheer',
      channel: 'demo',
      user: 'bitsbaron',
      overrides: { bits: 4242, message: 'exact' },
    });
    const body = res.body as { event: Record<string, unknown>; delivered: unknown[] };
    expect(body.event).toMatchObject({
      bits: 4242,
      message: 'exact',
      user_login: 'bitsbaron',
      broadcaster_user_id: '100001',
    });
    expect(body.delivered).toHaveLength(1);
    const n = await s.next((m) => typeOf(m) === 'notification');
    expect(get(n, 'payload.event.bits')).toBe(4242);
    const nested = sim.control.trigger({
      type: 'channel.chat.message',
      overrides: { message: { text: 'x' }, cheer: { bits: 5 } },
    });
    expect(get(nested.event, 'message.text')).toBe('x');
    expect(Array.isArray(get(nested.event, 'message.fragments'))).toBe(true);
    await s.close();
  });

  it('sets a channel live/offline and updates it, reflected in Helix and notifications', async () => {
    const token = await sim.token('demo_viewer', []);
    const s = await sim.socket();
    const session = await s.sessionId();
    for (const type of ['stream.online', 'stream.offline']) {
      await subscribe(token, session, type, '1', { broadcaster_user_id: '100012' });
    }
    await subscribe(token, session, 'channel.update', '2', { broadcaster_user_id: '100012' });
    const r = await sim.http('setLive', {
      channel: 'cozycrafter',
      live: true,
      title: 'New build!',
      category: 'Minecraft',
    });
    expect(r.body).toMatchObject({ live: true });
    const streams = (await (await helixFetch('/streams?user_login=cozycrafter', token)).json()) as {
      data: { title: string }[];
    };
    expect(streams.data[0]?.title).toBe('New build!');
    await s.next(
      (m) =>
        typeOf(m) === 'notification' && get(m, 'metadata.subscription_type') === 'stream.online',
    );
    const upd = await s.next((m) => get(m, 'metadata.subscription_type') === 'channel.update');
    expect(get(upd, 'payload.event.title')).toBe('New build!');
    sim.control.updateChannel({ channel: 'cozycrafter', category: 'Art' });
    await s.next((m) => get(m, 'payload.event.category_name') === 'Art');
    sim.control.setLive({ channel: 'cozycrafter', live: false });
    await s.next((m) => get(m, 'metadata.subscription_type') === 'stream.offline');
    const none = (await (await helixFetch('/streams?user_login=cozycrafter', token)).json()) as {
      data: unknown[];
    };
    expect(none.data).toHaveLength(0);
    await s.close();
  });

  it('runs a paced firehose (never faster than its rate) and a burst at 5,000 a second', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const s = await sim.socket();
    await subscribe(token, await s.sessionId(), 'channel.chat.message', '1', {
      broadcaster_user_id: '100013',
      user_id: '100003',
    });
    const paced = await sim.control.firehose({
      channel: 'raidleader',
      rate: 500,
      durationMs: 400,
      wait: true,
    });
    expect(paced.sent).toBe(200);
    // Pacing holds it back to its rate; how fast a loaded machine keeps up is the bench's to say.
    expect(paced.elapsedMs).toBeGreaterThanOrEqual(390);
    const fast = await sim.control.firehose({
      channel: 'raidleader',
      rate: 5000,
      count: 2500,
      wait: true,
    });
    expect(fast.sent).toBe(2500);
    await waitFor(() => s.messages.length >= 2701, 10_000);
    const started = await sim.http('firehose', {
      channel: 'raidleader',
      rate: 100,
      durationMs: 60_000,
    });
    expect(started.body).toMatchObject({ running: true });
    await new Promise((r) => setTimeout(r, 100));
    const stopped = (await sim.http('firehoseStop')).body as { sent: number; running: boolean };
    expect(stopped.running).toBe(false);
    expect(stopped.sent).toBeGreaterThan(0);
    await s.close();
  });

  it('sends one firehose to several channels in turn', async () => {
    const report = await sim.control.firehose({
      channels: ['pixelpaladin', 'speedrunsam', 'cozycrafter'],
      rate: 600,
      count: 300,
      wait: true,
    });
    expect(report.byChannel).toEqual({ pixelpaladin: 100, speedrunsam: 100, cozycrafter: 100 });
  });

  it('stalls keepalives and lists sockets, subscriptions, tokens and notifications', async () => {
    const s = await sim.socket();
    const session = await s.sessionId();
    expect(sim.control.stallKeepalives({ sessionId: session, on: true }).sessions).toEqual([
      session,
    ]);
    expect(sim.control.sockets({ sessionId: session })[0]).toMatchObject({
      stalled: true,
      state: 'connected',
    });
    sim.control.stallKeepalives({ on: false });
    expect(sim.control.sockets({ sessionId: session })[0]).toMatchObject({ stalled: false });
    expect(sim.control.tokens().length).toBeGreaterThan(0);
    expect(sim.control.subscriptions().length).toBeGreaterThan(0);
    const n = sim.control.notifications({ type: 'channel.cheer' });
    expect(n[0]).toMatchObject({ messageType: 'notification', type: 'channel.cheer' });
    expect(n[0]).not.toHaveProperty('frame');
    expect(
      sim.control.notifications({ messageType: 'session_welcome', sessionId: session }),
    ).toHaveLength(1);
    await s.close();
  });
});

describe('a silent socket', () => {
  it('delivers nothing while its subscriptions stay enabled, until the client closes it', async () => {
    const token = await sim.token('demo', ['bits:read']);
    const s = await sim.socket();
    const session = await s.sessionId();
    await subscribe(token, session, 'channel.cheer', '1', { broadcaster_user_id: '100001' });
    expect(sim.control.silenceSockets({ sessionId: session, on: true }).silenced).toEqual([
      session,
    ]);
    expect(sim.control.sockets({ sessionId: session })[0]).toMatchObject({
      silent: true,
      state: 'connected',
    });
    const cheer = () =>
      sim.control
        .subscriptions({ type: 'channel.cheer' })
        .find((x) => (x.transport as { session_id?: string }).session_id === session);
    const before = s.messages.length;
    expect(sim.control.trigger({ type: 'channel.cheer' }).delivered).toEqual([]);
    expect(cheer()).toMatchObject({ status: 'enabled' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(s.messages.length).toBe(before);
    await s.close();
    await waitFor(() => sim.control.sockets({ sessionId: session })[0]?.state === 'closed');
    expect(cheer()).toMatchObject({ status: 'websocket_disconnected' });
  });
});

describe('event payloads', () => {
  it('generates every catalogue type for the demo channel (a whisper for its viewer)', () => {
    for (const e of CATALOG) {
      const { event } = sim.control.trigger({ type: e.type, channel: 'demo' });
      const key =
        e.type.startsWith('channel.charity_campaign.') &&
        e.type !== 'channel.charity_campaign.donate'
          ? 'broadcaster_id'
          : 'broadcaster_user_id';
      if (e.type === 'channel.raid') expect(event.to_broadcaster_user_id).toBe('100001');
      // A whisper has no channel: it is to a user (the demo viewer unless told).
      else if (e.type === 'user.whisper.message') expect(event.to_user_id).toBe('100003');
      else if (e.type === 'channel.charity_campaign.donate')
        expect(event.broadcaster_id).toBe('100001');
      else expect(event[key], e.type).toBe('100001');
    }
  });

  it('fills every notice_type, including one unknown to clients', () => {
    for (const noticeType of [...NOTICE_TYPES, 'mystery_notice']) {
      const { event } = sim.control.trigger({ type: 'channel.chat.notification', noticeType });
      expect(event.notice_type).toBe(noticeType);
      expect(event[noticeType], noticeType).toBeTypeOf('object');
      expect(event[noticeType]).not.toBeNull();
      for (const other of NOTICE_TYPES)
        if (other !== noticeType) expect(event[other], `${noticeType}/${other}`).toBeNull();
      if (noticeType.startsWith('shared_chat_'))
        expect(event.source_broadcaster_user_id).toBeTruthy();
      else expect(event.source_broadcaster_user_id).toBeNull();
    }
  });

  it('builds chat messages with cheermotes, replies and message types', () => {
    const cheer = sim.control.trigger({
      type: 'channel.chat.message',
      bits: 100,
      text: 'Cheer100 nice',
    }).event;
    expect(cheer.cheer).toEqual({ bits: 100 });
    expect(get(cheer, 'message.fragments.0.cheermote')).toEqual({
      prefix: 'cheer',
      bits: 100,
      tier: 100,
    });
    const reply = sim.control.trigger({ type: 'channel.chat.message', reply: true }).event;
    expect(get(reply, 'reply.parent_message_id')).toBeTruthy();
    const hl = sim.control.trigger({
      type: 'channel.chat.message',
      messageType: 'channel_points_highlighted',
    }).event;
    expect(hl.message_type).toBe('channel_points_highlighted');
  });
});

describe('CLI arguments', () => {
  it('parses positional and typed flags', () => {
    expect(
      parseArgs([
        'trigger',
        'channel.raid',
        '--to',
        'demo',
        '--amount',
        '12',
        '--overrides',
        '{"viewers":3}',
        '--no-wait',
        '--scopes',
        'a b',
      ]),
    ).toEqual({
      positional: ['trigger', 'channel.raid'],
      flags: { to: 'demo', amount: 12, overrides: { viewers: 3 }, wait: false, scopes: ['a', 'b'] },
    });
    expect(parseArgs(['setLive', '--live', 'false', '--notice-type=raid']).flags).toEqual({
      live: false,
      noticeType: 'raid',
    });
  });

  it('reads booleans, null, lists and numbers by kind and refuses unknown flags', () => {
    expect(
      parseArgs([
        'setStreamSchedule',
        '--on=false',
        '--step',
        '--interval-ms=500',
        '--unused-timeout-ms',
        'null',
        '--channels',
        'demo, cozycrafter',
        '--status',
        '503',
      ]).flags,
    ).toEqual({
      on: false,
      step: true,
      intervalMs: 500,
      unusedTimeoutMs: null,
      channels: ['demo', 'cozycrafter'],
      status: 503,
    });
    expect(parseArgs(['revokeSubscription', '--status', 'user_removed']).flags).toEqual({
      status: 'user_removed',
    });
    expect(() => parseArgs(['trigger', '--no-such-flag', '1'])).toThrow(/no-such-flag/);
    expect(() => parseArgs(['firehose', '--rate', 'fast'])).toThrow(/--rate takes a number/);
  });
});
