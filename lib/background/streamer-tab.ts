/**
 * Opens the streamer page, or focuses it when it is already open: of `channel` (a login) when
 * given, the tab showing it if there is one, else the open page switched to it.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '../messaging';
import { OPEN_STREAMER_PAGE_COMMAND } from '../shortcuts';
import type { Feature } from './feature';

export const STREAMER_PATH = '/streamer.html';

export function streamerPageUrl(channel?: string, line?: string): string {
  const url = browser.runtime.getURL(STREAMER_PATH);
  if (!channel) return url;
  const page = `${url}?channel=${encodeURIComponent(channel.toLowerCase())}`;
  // `line`: a recorded chat line (its `event.message_id`) the page scrolls to and marks.
  return line ? `${page}&line=${encodeURIComponent(line)}` : page;
}

export async function openStreamerPage(channel?: string, line?: string): Promise<void> {
  const url = browser.runtime.getURL(STREAMER_PATH);
  const tabs = await browser.tabs.query({ url: `${url}*` });
  const wanted = channel ? streamerPageUrl(channel, line) : undefined;
  const existing = (wanted && tabs.find((tab) => tab.url === wanted)) || tabs[0];
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, {
      active: true,
      ...(wanted && existing.url !== wanted ? { url: wanted } : {}),
    });
    if (existing.windowId !== undefined)
      await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url: wanted ?? url });
}

export const streamerPageFeature: Feature = {
  listen() {
    onMessage('openStreamerPage', async ({ data }) => {
      await openStreamerPage(typeof data?.channel === 'string' ? data.channel : undefined);
      return { ok: true };
    });
    browser.commands?.onCommand.addListener((command) => {
      if (command === OPEN_STREAMER_PAGE_COMMAND.name) void openStreamerPage();
    });
  },
};
