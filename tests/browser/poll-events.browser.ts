import { describe, expect, it } from 'vitest';
import type { BrowserDriver } from '../../browser/driver';
import {
  popupBudgetText,
  readTable,
  startListening,
  storageGet,
  storageSet,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

/** The poll interval for this file: seconds, so a test sees the poll within one wait. */
const POLL_MS = 3_000;

/** NightOwl_TV: a favorite the viewer does not follow, last of four (its updates do not fit). */
const NIGHT_OWL = { id: '100014', login: 'nightowl_tv', displayName: 'NightOwl_TV' };

const FAVORITES = [
  { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 },
  { id: '100010', login: 'pixelpaladin', displayName: 'PixelPaladin', addedAt: 2 },
  { id: '100011', login: 'speedrunsam', displayName: 'SpeedrunSam', addedAt: 3 },
  { ...NIGHT_OWL, addedAt: 4 },
];

interface LiveLike {
  fetchedAt: number;
  streams: { channelId: string; title: string }[];
}

interface EventLike {
  id: string;
  channelId: string;
  type: string;
  source?: string;
  event: { title?: string };
}

interface StatusLike {
  channelIds?: string[];
  subscriptions: { id: string; channelId?: string; status: string }[];
}

const events = (h: BrowserDriver) => readTable<EventLike>(h, 'events');

/** The next poll that ends after now: resolves with what it saw. */
async function nextPoll(h: BrowserDriver): Promise<LiveLike> {
  const after = Date.now();
  return waitFor(async () => {
    const live = await storageGet<LiveLike>(h, 'liveStreams');
    return live && live.fetchedAt > after ? live : undefined;
  }, 'the next poll');
}

describe('the minute poll stands in for what does not fit the budget', () => {
  const h = useBrowser({
    setup: async (driver) => {
      const followed = (driver.sim.control.follows({ login: 'demo_viewer' }) as { id: string }[])
        .map((f) => f.id)
        .filter((id) => id !== NIGHT_OWL.id);
      driver.sim.control.setFollows({ login: 'demo_viewer', channels: followed });
      driver.sim.control.setLive({ channel: NIGHT_OWL.login, live: false });
      await startListening(driver, { login: 'demo_viewer' });
      await storageSet(driver, { livePollIntervalMs: POLL_MS });
      await storageSet(driver, { favorites: FAVORITES }, 'sync');
    },
  });

  it('sees a favorite it does not follow go live and change its title within one poll', async () => {
    // The budget: going live and offline for all four, title changes for the first two only.
    const status = await waitFor(async () => {
      const s = await storageGet<StatusLike>(h, 'listenerStatus');
      const mine = s?.subscriptions.filter((x) => x.channelId === NIGHT_OWL.id) ?? [];
      const online = mine.find((x) => x.id === 'stream.online')?.status;
      return s?.channelIds?.length === 4 && online === 'active' ? s : undefined;
    }, 'the listener on four favorites');
    expect(
      status.subscriptions.find((x) => x.channelId === NIGHT_OWL.id && x.id === 'channel.update')
        ?.status,
    ).toBe('polled');
    expect(
      (await storageGet<{ channels: { id: string }[] }>(h, 'follows'))?.channels.map((c) => c.id),
    ).not.toContain(NIGHT_OWL.id);

    // A poll has seen it offline; it goes live (EventSub tells) and the next poll sees it.
    await waitFor(async () => {
      const snapshot = await storageGet<{ channels: Record<string, { live: boolean }> }>(
        h,
        'pollSnapshot',
      );
      return snapshot?.channels[NIGHT_OWL.id]?.live === false;
    }, 'a poll that saw NightOwl_TV offline');
    h.sim.control.setLive({ channel: NIGHT_OWL.login, live: true, title: 'Night shift' });
    await waitFor(async () => {
      const live = await nextPoll(h);
      return live.streams.some((s) => s.channelId === NIGHT_OWL.id);
    }, 'NightOwl_TV in the live list');

    const title = 'Night shift: viewer games';
    h.sim.control.updateChannel({ channel: NIGHT_OWL.login, title });
    const poll = await nextPoll(h);
    expect(poll.streams.find((s) => s.channelId === NIGHT_OWL.id)?.title).toBe(title);
    // Recorded by that very poll, from the poll, once.
    const mine = (await events(h)).filter((e) => e.channelId === NIGHT_OWL.id);
    const updates = mine.filter((e) => e.type === 'channel.update');
    expect(updates.map((e) => [e.source, e.event.title])).toEqual([['poll', title]]);
    // Its go-live came over EventSub, in real time: the poll does not add another.
    expect(mine.filter((e) => e.type === 'stream.online').map((e) => e.source)).toEqual([
      undefined,
    ]);
    await nextPoll(h);
    expect(
      (await events(h)).filter((e) => e.type === 'channel.update' && e.channelId === NIGHT_OWL.id),
    ).toHaveLength(1);

    const page = await h.openPage(`/streamer.html?channel=${NIGHT_OWL.login}`);
    try {
      const row = await waitFor(
        () =>
          page.evaluate(
            (id) =>
              document.querySelector(`ol[aria-label="Recent events"] > li[data-event-id="${id}"]`)
                ?.textContent ?? undefined,
            updates[0]!.id,
          ),
        'the update in Recent events',
      );
      expect(row).toContain(title);
      expect(row).toContain('minute poll');
    } finally {
      await page.close();
    }

    expect(await popupBudgetText(h)).toContain(
      'Title and category changes for NightOwl_TV arrive within a minute',
    );
  });
});
