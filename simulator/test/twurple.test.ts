/** Conformance with a real client: @twurple/eventsub-ws driven against the simulator. */
import { EventSubWsListener } from '@twurple/eventsub-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, waitFor } from './support.js';
import type { TestSim } from './support.js';

const DEMO = '100001';
const VIEWER = '100003';

let sim: TestSim;
let listener: EventSubWsListener;
const chat: { id: string; text: string }[] = [];
const online: string[] = [];
const raids: number[] = [];
const revoked: string[] = [];

const enabled = (type: string) =>
  sim.control.subscriptions({ login: 'demo_viewer', type, status: 'enabled' });

beforeAll(async () => {
  sim = await startTestSim();
  const token = await sim.token('demo_viewer', ['user:read:chat']);
  listener = new EventSubWsListener({
    apiClient: sim.api(token),
    logger: { minLevel: 'critical' },
  });
  listener.onChannelChatMessage(DEMO, VIEWER, (e) =>
    chat.push({ id: e.messageId, text: e.messageText }),
  );
  listener.onStreamOnline(DEMO, (e) => online.push(e.broadcasterName));
  listener.onChannelRaidTo(DEMO, (e) => raids.push(e.viewers));
  listener.onRevoke((sub, status) => revoked.push(`${sub.id}:${status}`));
  listener.start();
  await waitFor(
    () =>
      enabled('channel.chat.message').length === 1 &&
      enabled('stream.online').length === 1 &&
      enabled('channel.raid').length === 1,
    10_000,
  );
});

afterAll(async () => {
  listener.stop();
  await sim.close();
});

describe('twurple EventSub listener', () => {
  it('subscribes over two sockets and receives notifications', async () => {
    const sockets = sim.control.sockets({ login: 'demo_viewer', state: 'connected' });
    expect(sockets).toHaveLength(2);
    sim.control.trigger({ type: 'channel.chat.message', text: 'hello twurple' });
    sim.control.setLive({ channel: 'demo', live: false });
    sim.control.setLive({ channel: 'demo', live: true });
    sim.control.trigger({ type: 'channel.raid', to: 'demo', from: 'raidleader', amount: 77 });
    await waitFor(
      () =>
        chat.some((c) => c.text === 'hello twurple') && online.length === 1 && raids.includes(77),
    );
    expect(online).toEqual(['demo']);
  });

  it('loses nothing across session_reconnect with messages in flight', async () => {
    chat.length = 0;
    const before = sim.control
      .sockets({ login: 'demo_viewer', state: 'connected' })
      .map((s) => s.id);
    const firehose = sim.control.firehose({ channel: 'demo', rate: 200, count: 60, wait: true });
    await new Promise((r) => setTimeout(r, 100));
    sim.control.reconnect({ login: 'demo_viewer' });
    const report = await firehose;
    expect(report.sent).toBe(60);
    await waitFor(() => chat.length >= 60, 10_000);
    expect(new Set(chat.map((c) => c.id)).size).toBe(60);
    const sent = sim.control.notifications({ type: 'channel.chat.message' }).slice(-60);
    expect(new Set(sent.map((n) => n.sessionId)).size).toBe(2);
    await waitFor(
      () =>
        before.every((id) => sim.control.sockets({ sessionId: String(id) })[0]?.state === 'closed'),
      5000,
    );
    const after = sim.control.sockets({ login: 'demo_viewer', state: 'connected' });
    expect(after).toHaveLength(2);
    expect(after.every((s) => !before.includes(String(s.id)))).toBe(true);
    // Subscriptions carried over: still one of each, no resubscription.
    expect(enabled('channel.chat.message')).toHaveLength(1);
    expect(sim.control.subscriptions({ login: 'demo_viewer' }).length).toBe(3);
  });

  it('reconnects and resubscribes after a drop with 4000', async () => {
    const chatSub = enabled('channel.chat.message')[0];
    const session = String((chatSub?.transport as { session_id: string }).session_id);
    sim.control.dropSockets({ sessionId: session, code: 4000 });
    await waitFor(() => {
      const sub = enabled('channel.chat.message')[0];
      return sub !== undefined && (sub.transport as { session_id: string }).session_id !== session;
    }, 10_000);
    chat.length = 0;
    sim.control.trigger({ type: 'channel.chat.message', text: 'after drop' });
    await waitFor(() => chat.some((c) => c.text === 'after drop'));
  });

  it('detects keepalive loss, reconnects and resubscribes', async () => {
    const chatSub = enabled('channel.chat.message')[0];
    const session = String((chatSub?.transport as { session_id: string }).session_id);
    sim.control.stallKeepalives({ sessionId: session, on: true });
    const started = Date.now();
    await waitFor(
      () => sim.control.sockets({ sessionId: session })[0]?.state === 'closed',
      20_000,
      200,
    );
    expect(Date.now() - started).toBeGreaterThan(5000);
    await waitFor(() => enabled('channel.chat.message').length === 1, 10_000);
    chat.length = 0;
    sim.control.trigger({ type: 'channel.chat.message', text: 'after stall' });
    await waitFor(() => chat.some((c) => c.text === 'after stall'));
  }, 30_000);

  it('hands revocations to onRevoke', async () => {
    const sub = enabled('channel.raid')[0];
    sim.control.revokeSubscription({
      type: 'channel.raid',
      login: 'demo_viewer',
      status: 'authorization_revoked',
    });
    await waitFor(() => revoked.length === 1);
    expect(revoked[0]).toContain('authorization_revoked');
    expect(
      sim.control.subscriptions({ login: 'demo_viewer', type: 'channel.raid' }).map((s) => s.id),
    ).not.toContain(sub?.id);
  });
});

describe('twurple EventSub listener, for the broadcaster and a moderator', () => {
  const MOD = '100002';
  const heard: string[] = [];
  let owner: EventSubWsListener;
  let mod: EventSubWsListener;

  const subscribedTo = (login: string, types: string[]) =>
    types.every(
      (type) => sim.control.subscriptions({ login, type, status: 'enabled' }).length === 1,
    );

  beforeAll(async () => {
    const ownerToken = await sim.token('demo', [
      'channel:read:ads',
      'bits:read',
      'channel:read:vips',
      'moderation:read',
      'channel:read:redemptions',
    ]);
    owner = new EventSubWsListener({
      apiClient: sim.api(ownerToken),
      logger: { minLevel: 'critical' },
    });
    owner.onChannelAdBreakBegin(DEMO, (e) => heard.push(`ad ${e.durationSeconds}`));
    owner.onChannelBitsUse(DEMO, (e) =>
      heard.push(`bits ${e.type} ${e.bits} ${e.powerUp?.type ?? ''}`.trim()),
    );
    owner.onChannelVipAdd(DEMO, (e) => heard.push(`vip ${e.userName}`));
    owner.onChannelModeratorRemove(DEMO, (e) => heard.push(`unmod ${e.userName}`));
    owner.onChannelRewardAdd(DEMO, (e) => heard.push(`reward ${e.title} ${e.cost}`));
    const modToken = await sim.token('demo_mod', [
      'user:read:chat',
      'moderator:read:automod_settings',
      'moderator:manage:automod',
    ]);
    mod = new EventSubWsListener({
      apiClient: sim.api(modToken),
      logger: { minLevel: 'critical' },
    });
    mod.onChannelChatUserMessageHold(DEMO, MOD, (e) => heard.push(`held ${e.messageText}`));
    mod.onChannelChatUserMessageUpdate(DEMO, MOD, (e) => heard.push(`held ${e.status}`));
    mod.onAutoModTermsUpdate(DEMO, MOD, (e) => heard.push(`terms ${e.action} ${e.terms.join()}`));
    mod.onAutoModSettingsUpdate(DEMO, MOD, (e) => heard.push(`automod ${e.overallLevel}`));
    owner.start();
    mod.start();
    await waitFor(
      () =>
        subscribedTo('demo', [
          'channel.ad_break.begin',
          'channel.bits.use',
          'channel.vip.add',
          'channel.moderator.remove',
          'channel.channel_points_custom_reward.add',
        ]) &&
        subscribedTo('demo_mod', [
          'channel.chat.user_message_hold',
          'channel.chat.user_message_update',
          'automod.terms.update',
          'automod.settings.update',
        ]),
      10_000,
    );
  });

  afterAll(() => {
    owner.stop();
    mod.stop();
  });

  it('subscribes with the conditions Twitch takes and hears every newer type', async () => {
    expect(
      sim.control.subscriptions({ login: 'demo', type: 'channel.ad_break.begin' })[0]?.condition,
    ).toEqual({ broadcaster_user_id: DEMO });
    sim.control.trigger({ type: 'channel.ad_break.begin', amount: 90 });
    sim.control.trigger({ type: 'channel.bits.use', action: 'power_up', bits: 300 });
    sim.control.trigger({ type: 'channel.vip.add', user: 'frogfan_' });
    sim.control.trigger({ type: 'channel.moderator.remove', user: 'bytewizard' });
    sim.control.trigger({
      type: 'channel.channel_points_custom_reward.add',
      text: 'Stretch!',
      amount: 250,
    });
    sim.control.trigger({ type: 'channel.chat.user_message_hold', user: 'demo_mod', text: 'hm' });
    sim.control.trigger({
      type: 'channel.chat.user_message_update',
      user: 'demo_mod',
      action: 'denied',
    });
    // Someone else's held message is not the moderator's to hear.
    sim.control.trigger({ type: 'channel.chat.user_message_hold', user: 'lurking_lucy' });
    sim.control.trigger({ type: 'automod.terms.update', action: 'add_blocked', text: 'spoilers' });
    sim.control.trigger({ type: 'automod.settings.update', amount: 2 });
    const expected = [
      'ad 90',
      expect.stringMatching(/^bits power_up 300 (message_effect|celebration|gigantify_an_emote)$/),
      'vip frogfan_',
      'unmod bytewizard',
      'reward Stretch! 250',
      'held hm',
      'held denied',
      'terms add_blocked spoilers',
      'automod 2',
    ];
    await waitFor(() => heard.length >= expected.length);
    await new Promise((r) => setTimeout(r, 200));
    expect([...heard].sort()).toEqual(expect.arrayContaining(expected));
    expect(heard).toHaveLength(expected.length);
  });
});
