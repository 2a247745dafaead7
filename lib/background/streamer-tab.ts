/** Opens the streamer page, or focuses it when it is already open. */
import { browser } from 'wxt/browser';

export const STREAMER_PATH = '/streamer.html';

export async function openStreamerPage(): Promise<void> {
  const url = browser.runtime.getURL(STREAMER_PATH);
  const [existing] = await browser.tabs.query({ url: `${url}*` });
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined)
      await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url });
}
