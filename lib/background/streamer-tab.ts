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

/** Opens the streamer page of one channel (`streamer.html?channel=<login>`), or focuses it. */
export async function openChannelPage(login: string): Promise<void> {
  const url = `${browser.runtime.getURL(STREAMER_PATH)}?${new URLSearchParams({ channel: login })}`;
  const [existing] = await browser.tabs.query({ url });
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined)
      await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url });
}
