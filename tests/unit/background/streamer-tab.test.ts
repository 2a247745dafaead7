import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openStreamerPage } from '../../../lib/background/streamer-tab';
import { embedRules, installEmbedRules } from '../../../lib/background/embed-rules';

const STREAMER = 'chrome-extension://test-extension-id/streamer.html';

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

describe('openStreamerPage', () => {
  it('opens the streamer page when none is open', async () => {
    await openStreamerPage();
    const tabs = await browser.tabs.query({});
    expect(tabs.filter((t) => t.url === STREAMER)).toHaveLength(1);
  });

  it('focuses the open one (even with a fragment) instead of opening another', async () => {
    const window = (await fakeBrowser.windows.create({}))!;
    const open = await fakeBrowser.tabs.create({ url: `${STREAMER}#chat`, windowId: window.id });
    await fakeBrowser.tabs.create({ url: 'https://example.com/', active: true });
    // The fake browser does not move the focus between windows: what was asked is checked.
    const focus = vi.spyOn(fakeBrowser.windows, 'update');
    await openStreamerPage();
    const tabs = await browser.tabs.query({});
    expect(tabs.filter((t) => t.url?.startsWith(STREAMER))).toHaveLength(1);
    expect((await browser.tabs.get(open.id!)).active).toBe(true);
    expect(focus).toHaveBeenCalledWith(window.id, { focused: true });
  });
});

describe('openStreamerPage for a channel', () => {
  it('opens the channel’s page, or switches the open page to it', async () => {
    await openStreamerPage('PixelPaladin');
    let tabs = await browser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(`${STREAMER}?channel=pixelpaladin`);
    await openStreamerPage('demo');
    tabs = (await browser.tabs.query({})).filter((t) => t.url?.startsWith(STREAMER));
    expect(tabs.map((t) => t.url)).toEqual([`${STREAMER}?channel=demo`]);
  });
});

describe('embed rules', () => {
  it('replace whatever rules were installed with the rules for this extension', async () => {
    let update: unknown;
    fakeBrowser.declarativeNetRequest.getDynamicRules = (async () => [
      { id: 7 },
    ]) as unknown as typeof fakeBrowser.declarativeNetRequest.getDynamicRules;
    fakeBrowser.declarativeNetRequest.updateDynamicRules = (async (options: unknown) => {
      update = options;
    }) as typeof fakeBrowser.declarativeNetRequest.updateDynamicRules;
    await installEmbedRules();
    expect(update).toEqual({ removeRuleIds: [7], addRules: embedRules('test-extension-id') });
  });
});
