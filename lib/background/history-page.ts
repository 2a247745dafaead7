/**
 * Opens "What did I miss" (`history.html`), or focuses it when it is open: at a stretch of time
 * (`from`…`to`, epoch ms) when given — the away summary's notification opens it at the stretch it
 * sums up — the open page switched to it.
 */
import { browser } from 'wxt/browser';
import { addressOf, type HistoryAddress } from '../history/range';
import { onMessage } from '../messaging';
import type { Feature } from './feature';

export const HISTORY_PATH = '/history.html';

export function historyPageUrl(address: HistoryAddress = {}): string {
  return `${browser.runtime.getURL(HISTORY_PATH)}${addressOf(address)}`;
}

export async function openHistoryPage(address: HistoryAddress = {}): Promise<void> {
  const url = browser.runtime.getURL(HISTORY_PATH);
  const tabs = await browser.tabs.query({ url: `${url}*` });
  const wanted = historyPageUrl(address);
  const given = wanted !== url;
  const existing = tabs.find((tab) => tab.url === wanted) ?? tabs[0];
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, {
      active: true,
      ...(given && existing.url !== wanted ? { url: wanted } : {}),
    });
    if (existing.windowId !== undefined)
      await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url: wanted });
}

/** The away summary's notification id: `away:<from>:<to>` (epoch ms), the stretch it sums up. */
export const awayNotificationId = (from: number, to: number) => `away:${from}:${to}`;

/** The stretch an away summary's notification id names, if it is one. */
export function awayStretch(notificationId: string): { from: number; to: number } | undefined {
  const match = /^away:(\d{1,15})(?::(\d{1,15}))?$/.exec(notificationId);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? undefined : Number(match[2]);
  return to !== undefined && to >= from ? { from, to } : { from, to: Date.now() };
}

export const historyPageFeature: Feature = {
  listen() {
    onMessage('openHistoryPage', async ({ data }) => {
      const from = typeof data?.from === 'number' ? data.from : undefined;
      const to = typeof data?.to === 'number' ? data.to : undefined;
      const channelId = typeof data?.channelId === 'string' ? data.channelId : undefined;
      await openHistoryPage({ from, to, channelId });
      return { ok: true };
    });
  },
};
