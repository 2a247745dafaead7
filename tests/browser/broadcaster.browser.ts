import { describe, expect, it } from 'vitest';
import { allStored, readTable, waitForListening } from '../../browser/extension';
import { eventCatalog, noticeKinds } from '../../lib/twitch/catalog';
import { useBrowser } from './support/use-browser';

describe('the broadcaster (with whispers) gets every catalogued type', () => {
  const h = useBrowser({
    listening: { login: 'demo', access: { broadcaster: true, whispers: true } },
  });

  it('subscribes to every type in the catalog, on one socket, within the cost limit', async () => {
    const status = await waitForListening(h);
    const notActive = status.subscriptions.filter((s) => s.status !== 'active');
    expect(notActive).toEqual([]);
    expect(status.subscriptions).toHaveLength(eventCatalog.length);
    expect(h.sim.control.sockets({ login: 'demo' })).toHaveLength(1);
  });

  it('stores one event of every type and of every chat notice', async () => {
    const messageIds: string[] = [];
    const send = (options: Parameters<typeof h.sim.control.trigger>[0]) => {
      const result = h.sim.control.trigger(options);
      expect(result.delivered, `${options.type} ${options.noticeType ?? ''}`).toHaveLength(1);
      messageIds.push(result.delivered[0]!.messageId);
    };
    for (const entry of eventCatalog) {
      if (entry.id === 'channel.raid.to')
        send({ type: 'channel.raid', from: 'raidleader', to: 'demo' });
      else if (entry.id === 'channel.raid.from')
        send({ type: 'channel.raid', from: 'demo', to: 'cozycrafter' });
      // The signed-in user's own message, held by AutoMod: it reaches its author only.
      else if (entry.type.startsWith('channel.chat.user_message_'))
        send({ type: entry.type, user: 'demo' });
      // A whisper is to the signed-in user, not to a channel.
      else if (entry.type === 'user.whisper.message') send({ type: entry.type, to: 'demo' });
      else send({ type: entry.type });
    }
    for (const noticeType of [...Object.keys(noticeKinds), 'mystery_notice']) {
      send({ type: 'channel.chat.notification', noticeType });
    }
    await allStored(h, messageIds, 'every event to be stored', 20_000);
    const events = await readTable<{ type: string; noticeType: string }>(h, 'events');
    const types = new Set(events.map((e) => e.type));
    for (const entry of eventCatalog) {
      if (entry.type !== 'channel.chat.message') expect(types, entry.type).toContain(entry.type);
    }
    const notices = new Set(events.map((e) => e.noticeType));
    for (const noticeType of [...Object.keys(noticeKinds), 'mystery_notice'])
      expect(notices, noticeType).toContain(noticeType);
  });
});
