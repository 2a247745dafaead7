/**
 * "Watch this moment" and Clips against the simulator: a raid recorded during a stream gets its
 * moment in that stream's archive (the right video, the offset within a few seconds) and plays it
 * in the page's player; a channel without VODs says so; the stream's clips are listed and one plays;
 * on "What did I miss", the raid's row plays its moment in the stream's panel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import { allStored } from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

/** The archive begins this long after the stream (simulator/archive.ts), the moment 10 s before the event. */
const ARCHIVE_DELAY_S = 4;
const LEAD_S = 10;

describe('the moment in the past broadcast, and the clips of the stream', () => {
  const h = useBrowser({ listening: {} });
  let opened: BrowserPage[] = [];
  let clipId = '';

  afterEach(async () => {
    for (const page of opened) await page.close();
    opened = [];
  });

  const openStreamer = async () => {
    const page = await h.openPage('/streamer.html');
    opened.push(page);
    return page;
  };

  /** A new stream of demo that began `startedAgo` seconds ago, recorded from its stream.online. */
  const newStream = (startedAgo: number) => {
    h.sim.control.setLive({ channel: 'demo', live: false });
    h.sim.control.setLive({ channel: 'demo', live: true, startedAgo });
  };

  const raid = () =>
    h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo', amount: 42 })
      .delivered[0]!.messageId;

  const row = (page: BrowserPage, id: string) =>
    page.evaluate((eventId) => {
      const li = document.querySelector(`li[data-event-id="${eventId}"]`);
      const watch = li?.querySelector('[data-testid="watch-moment"]');
      const link = li?.querySelector<HTMLAnchorElement>('a[href*="twitch.tv/videos/"]');
      return {
        shown: Boolean(li),
        video: watch?.getAttribute('data-video') ?? null,
        seconds: Number(watch?.getAttribute('data-seconds') ?? NaN),
        link: link?.href ?? null,
        missing: li?.querySelector('[data-testid="moment-missing"]')?.textContent ?? null,
      };
    }, id);

  it('a raid during a stream gets "Watch this moment" at the right video and offset, and the player shows it', async () => {
    newStream(600);
    // Made now, listed by the Clips region in the next test.
    clipId = String(
      h.sim.control.createClip({ channel: 'demo', title: 'the raid arrives', views: 77 }).id,
    );
    const raidId = raid();
    const raidAt = Date.now();
    const page = await openStreamer();
    const moment = await waitFor(async () => {
      const r = await row(page, raidId);
      return r.video ? r : undefined;
    }, 'Watch this moment on the raid');
    const [video] = h.sim.control.videos({ channel: 'demo' });
    const stream = h.sim.control.channels().find((c) => c.login === 'demo');
    expect(stream?.live).toBe(true);
    expect(moment.video).toBe(video!.id);
    const expected = (raidAt - Date.parse(String(video!.created_at))) / 1000 - LEAD_S;
    expect(Math.abs(moment.seconds - expected)).toBeLessThanOrEqual(3);
    expect(moment.seconds).toBeGreaterThan(600 - ARCHIVE_DELAY_S - LEAD_S - 3);
    expect(moment.link).toMatch(
      new RegExp(`^https://www\\.twitch\\.tv/videos/${video!.id}\\?t=9m\\d+s$`),
    );

    await page.click(`li[data-event-id="${raidId}"] [data-testid="watch-moment"]`);
    const shown = await page.frameText('iframe[data-testid="moment-player"]');
    expect(shown).toContain(`video=v${video!.id}`);
    expect(shown).toMatch(/time=9m\d+s/);
    expect(shown).toContain('VOD');
    expect(
      h.sim.control.embeds().filter((e) => e.video === `v${video!.id}` && e.status === 200),
    ).not.toHaveLength(0);
  });

  it('the Clips region lists the stream’s clips, and a click plays one', async () => {
    const page = await openStreamer();
    const label = `Play the clip: the raid arrives`;
    await waitFor(
      () =>
        page.evaluate((l) => Boolean(document.querySelector(`button[aria-label="${l}"]`)), label),
      'the clip in Clips',
    );
    const card = await page.evaluate(
      (l) => document.querySelector(`button[aria-label="${l}"]`)!.textContent ?? '',
      label,
    );
    expect(card).toContain('77 views');
    await waitFor(
      () =>
        page.evaluate(
          (l) =>
            (document.querySelector<HTMLImageElement>(`button[aria-label="${l}"] img`)
              ?.naturalWidth ?? 0) > 0,
          label,
        ),
      'the clip thumbnail to load',
    );
    await page.click(`button[aria-label="${label}"]`);
    const shown = await page.frameText('iframe[data-testid="moment-player"]');
    expect(shown).toContain(`clip=${clipId}`);
    expect(shown).toContain('the raid arrives');
  });

  it('a channel without VODs says so on the raid', async () => {
    h.sim.control.setVods({ channel: 'demo', mode: 'off' });
    try {
      newStream(300);
      const raidId = raid();
      const page = await openStreamer();
      const missing = await waitFor(
        async () => (await row(page, raidId)).missing ?? undefined,
        'the words for no VOD',
      );
      expect(missing).toBe('No past broadcast: this channel does not keep its streams');
      expect((await row(page, raidId)).video).toBeNull();
    } finally {
      h.sim.control.setVods({ channel: 'demo', mode: 'public' });
    }
  });

  it('on What did I miss, the raid’s "Watch this moment" plays the right video and time in the stream panel’s player', async () => {
    // Begun after the earlier tests' streams began, as a later stream is.
    newStream(120);
    const raidId = raid();
    const raidAt = Date.now();
    // The page reads what was recorded when it opens.
    await allStored(h, [raidId], 'the raid');
    const page = await h.openPage('/history.html');
    opened.push(page);
    const watch = `li[data-key="${raidId}"] [data-testid="watch-moment"]`;
    await waitFor(
      () => page.evaluate((s) => Boolean(document.querySelector(s)), watch),
      'Watch this moment on the raid in the Timeline',
    );
    const [video] = h.sim.control.videos({ channel: 'demo' });
    await page.click(watch);
    const shown = await page.frameText(
      '[data-testid="stream-panel"] iframe[data-testid="moment-player"]',
    );
    expect(shown).toContain(`video=v${video!.id}`);
    const time = /[?&]time=(?:(\d+)h)?(?:(\d+)m)?(\d+)s/.exec(shown);
    expect(time).not.toBeNull();
    const seconds = Number(time![1] ?? 0) * 3600 + Number(time![2] ?? 0) * 60 + Number(time![3]);
    const expected = (raidAt - Date.parse(String(video!.created_at))) / 1000 - LEAD_S;
    expect(Math.abs(seconds - expected)).toBeLessThanOrEqual(3);
    expect(shown).toContain('VOD');
  });
});
