import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  awayNotificationId,
  awayStretch,
  openHistoryPage,
} from '../../../lib/background/history-page';
import { notifyFeature } from '../../../lib/background/notify';

vi.mock('../../../lib/background/badge', () => ({ refreshBadge: vi.fn(async () => undefined) }));

const HISTORY = 'chrome-extension://test-extension-id/history.html';

beforeEach(() => {
  // The fake browser matches only exact URLs; the browser takes match patterns ("…*").
  const query = fakeBrowser.tabs.query.bind(fakeBrowser.tabs);
  fakeBrowser.tabs.query = (async (info: { url?: string }) => {
    const { url, ...rest } = info;
    const tabs = await query(rest);
    if (!url) return tabs;
    const prefix = url.endsWith('*') ? url.slice(0, -1) : undefined;
    return tabs.filter((t) => (prefix ? t.url?.startsWith(prefix) : t.url === url));
  }) as typeof fakeBrowser.tabs.query;
});

const historyTabs = async () =>
  (await browser.tabs.query({})).map((t) => t.url).filter((u) => u?.startsWith(HISTORY));

describe('opening What did I miss', () => {
  it('opens it, then switches the open page to a stretch instead of opening another', async () => {
    await openHistoryPage();
    expect(await historyTabs()).toEqual([HISTORY]);
    await openHistoryPage({ from: 1000, to: 2000 });
    expect(await historyTabs()).toEqual([`${HISTORY}?from=1000&to=2000`]);
  });

  it('names the away summary’s stretch in its notification id, and reads it back', () => {
    expect(awayNotificationId(1000, 5000)).toBe('away:1000:5000');
    expect(awayStretch('away:1000:5000')).toEqual({ from: 1000, to: 5000 });
    expect(awayStretch('event:abc')).toBeUndefined();
    // One shown before the end was in its id: up to now.
    expect(awayStretch('away:1000')?.from).toBe(1000);
  });

  it('a click on the away summary opens the page at its stretch', async () => {
    notifyFeature.listen!();
    await fakeBrowser.notifications.onClicked.trigger('away:1000:5000');
    await vi.waitFor(async () =>
      expect(await historyTabs()).toEqual([`${HISTORY}?from=1000&to=5000`]),
    );
  });
});
