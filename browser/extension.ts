/**
 * What a test or a benchmark does with the extension, written once over the driver interface:
 * read its storage and database, sign in through the simulator's consent page, choose the
 * favorite, wait for the listener.
 */
import type { BrowserDriver, BrowserPage } from './driver';
import { readTableInPage, type StoredTable } from './database';
import { pause, waitFor, waitForAll } from './wait';

export async function storageGet<T = unknown>(
  h: BrowserDriver,
  key: string,
  area: 'local' | 'session' | 'sync' = 'local',
): Promise<T | undefined> {
  const value = await h.probe.evaluate(
    async (k, a) => ((await chrome.storage[a].get(k)) as Record<string, unknown>)[k] ?? null,
    key,
    area,
  );
  return (value ?? undefined) as T | undefined;
}

export async function storageSet(
  h: BrowserDriver,
  values: Record<string, unknown>,
  area: 'local' | 'session' | 'sync' = 'local',
): Promise<void> {
  await h.probe.evaluate(async (v, a) => chrome.storage[a].set(v), values, area);
}

/** Every event, or every chat line, stored in the extension's database. */
export async function readTable<T = Record<string, unknown>>(
  h: BrowserDriver,
  table: StoredTable,
): Promise<T[]> {
  return (await h.probe.evaluate(readTableInPage, table, false)) as T[];
}

/** The ids of every stored event, or chat line (only the ids leave the page). */
export async function readIds(h: BrowserDriver, table: StoredTable): Promise<string[]> {
  return (await h.probe.evaluate(readTableInPage, table, true)) as string[];
}

/** Ids of every stored event and chat line. */
export async function storedIds(h: BrowserDriver): Promise<Set<string>> {
  return new Set([...(await readIds(h, 'events')), ...(await readIds(h, 'chat'))]);
}

/**
 * Message ids of the notifications the simulator sent since `since` (of one type, if given), but
 * those a cut tore down with their socket before they left it (they never reached the browser).
 */
export function sentIds(h: BrowserDriver, since: number, type?: string): string[] {
  return h.sim.control
    .notifications({ messageType: 'notification', since, type })
    .filter((n) => !n.undelivered)
    .map((n) => n.messageId as string);
}

/**
 * Has the simulator send `count` resub notices (1, 2, 3… months) to the favorite's chat, with
 * `gapMs` after each; their message ids, in order.
 */
export async function sendResubs(h: BrowserDriver, count: number, gapMs = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const sent = h.sim.control.trigger({
      type: 'channel.chat.notification',
      noticeType: 'resub',
      amount: i + 1,
    });
    ids.push(sent.delivered[0]!.messageId);
    if (gapMs > 0) await pause(gapMs);
  }
  return ids;
}

/**
 * Has the simulator tell one resub twice, as Twitch tells a broadcaster: a `resub` chat notice
 * and a `channel.subscription.message`, of one user, months, tier and message. The message ids
 * of the notice and of the subscription message.
 */
export function sendResubBothWays(
  h: BrowserDriver,
  resub: { user: string; months: number; text: string },
): { notice: string; message: string } {
  const common = { user: resub.user, amount: resub.months, text: resub.text, tier: '1000' };
  const send = (options: Parameters<typeof h.sim.control.trigger>[0]) => {
    const sent = h.sim.control.trigger(options);
    if (sent.delivered.length !== 1) throw new Error(`${options.type} was not delivered once`);
    return sent.delivered[0]!.messageId;
  };
  return {
    notice: send({ type: 'channel.chat.notification', noticeType: 'resub', ...common }),
    message: send({ type: 'channel.subscription.message', ...common }),
  };
}

/** Waits until every one of `ids` is stored. */
export async function allStored(
  h: BrowserDriver,
  ids: string[],
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  await waitForAll(() => storedIds(h), ids, what, timeoutMs);
}

/** The listener's status as stored: facts (codes and numbers), worded only by the pages. */
export interface StatusLike {
  state: string;
  channelIds?: string[];
  updatedAt: number;
  detail?: { code: string; cause?: string };
  subscriptions: {
    id: string;
    channelId: string;
    status: string;
    reason?: { code: string; status?: number | string; message?: string };
  }[];
}

export async function listenerStatus(h: BrowserDriver): Promise<StatusLike | undefined> {
  return storageGet<StatusLike>(h, 'listenerStatus');
}

/**
 * Gives the favorite a picture address the browser has not cached yet (the image CDN's answers
 * are cacheable, and the sign-in pages already showed the usual one), so the next fetch of the
 * picture reaches the CDN; waits until the listener has settled again.
 */
export async function freshFavoritePicture(h: BrowserDriver): Promise<void> {
  const favorites =
    (await storageGet<{ profileImageUrl?: string }[]>(h, 'favorites', 'sync')) ?? [];
  const [favorite, ...rest] = favorites;
  if (!favorite?.profileImageUrl) throw new Error('The favorite has no picture');
  const url = new URL(favorite.profileImageUrl);
  url.search = `?v=${Date.now()}`;
  await storageSet(h, { favorites: [{ ...favorite, profileImageUrl: url.href }, ...rest] }, 'sync');
  await waitForListening(h);
}

/**
 * Waits until the listener is connected (to `channelId` first, when given) and no subscription is
 * still pending.
 */
export async function waitForListening(
  h: BrowserDriver,
  options: { channelId?: string; timeoutMs?: number } = {},
): Promise<StatusLike> {
  const { channelId, timeoutMs = 30_000 } = options;
  return waitFor(
    async () => {
      const status = await listenerStatus(h);
      if (status?.state !== 'connected') return undefined;
      if (channelId && status.channelIds?.[0] !== channelId) return undefined;
      if (!status.subscriptions.length || status.subscriptions.some((s) => s.status === 'pending'))
        return undefined;
      return status;
    },
    'the listener to be connected with every subscription settled',
    timeoutMs,
  );
}

/** Waits until the page's text contains `text`. */
export async function waitForText(page: BrowserPage, text: string, timeoutMs = 20_000) {
  await waitFor(
    () => page.evaluate((t) => document.body?.textContent?.includes(t) ?? false, text),
    `"${text}" on the page`,
    timeoutMs,
  );
}

export const CONSENT_URL = 'https://id.twitch.tv/oauth2/authorize';

/** The messages (locales/*.yml) that label the popup's access choices. */
const ACCESS_LABELS = {
  moderator: 'signIn_moderator',
  broadcaster: 'signIn_broadcaster',
  sendChat: 'signIn_sendChat',
  whispers: 'signIn_whispers',
  sendWhispers: 'signIn_sendWhispers',
} as const;

/** A message in the language the browser shows the extension in, read by the page itself. */
export function message(page: BrowserPage, key: string): Promise<string> {
  return page.evaluate((name) => (chrome.i18n.getMessage as (name: string) => string)(name), key);
}

export type Access = Partial<Record<keyof typeof ACCESS_LABELS, boolean>>;

/**
 * Signs in through the popup and the simulator's consent page. The real popup closes when the
 * Twitch window takes focus; the background finishes the sign-in.
 */
export async function signIn(h: BrowserDriver, login: string, access: Access = {}): Promise<void> {
  const popup = await h.openPopup();
  try {
    for (const [flag, key] of Object.entries(ACCESS_LABELS)) {
      if (access[flag as keyof typeof ACCESS_LABELS])
        await popup.click({ text: await message(popup, key) });
    }
    const logIn = await message(popup, 'signIn_logIn');
    const consent = await h.pageOpenedBy(CONSENT_URL, () => popup.click({ text: logIn }));
    await consent.click(`button[data-login="${login}"]`);
    await waitFor(
      async () => (await storageGet<{ login: string }>(h, 'authSession'))?.login === login,
      `signed in as ${login}`,
    );
  } finally {
    await popup.close();
  }
}

/** Types a favorite into the popup (opened in a tab) and submits it; returns the message shown. */
export async function setFavorite(
  h: BrowserDriver,
  input: string,
): Promise<{ ok: boolean; message: string }> {
  const page = await h.openPage('/popup.html');
  try {
    await page.type('input[role="combobox"]', input, { submit: true });
    return await waitFor(
      () =>
        page.evaluate(() => {
          const el = document.querySelector('[role="alert"], [role="status"]:not([aria-label])');
          return el
            ? { ok: el.getAttribute('role') === 'status', message: el.textContent ?? '' }
            : null;
        }),
      'the favorite to be saved',
      15_000,
    );
  } finally {
    await page.close();
  }
}

/** Signs `h` in (as `login`, with `access`), sets `favorite` and waits until it listens. */
export async function startListening(
  h: BrowserDriver,
  options: { login?: string; access?: Access; favorite?: string } = {},
): Promise<void> {
  await signIn(h, options.login ?? 'demo_viewer', options.access);
  const favorite = await setFavorite(h, options.favorite ?? 'demo');
  if (!favorite.ok) throw new Error(`The favorite was refused: ${favorite.message}`);
  await waitForListening(h);
}

/** The ids of the extension's desktop notifications. */
export async function notificationIds(h: BrowserDriver): Promise<string[]> {
  return Object.keys(await h.probe.evaluate(() => chrome.notifications.getAll()));
}

export async function clearNotifications(h: BrowserDriver): Promise<void> {
  await h.probe.evaluate(async () => {
    const all = await chrome.notifications.getAll();
    await Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id)));
  });
}

/** The toolbar button's badge (`action` in Chrome's Manifest V3, `browserAction` in Firefox). */
export async function badgeText(h: BrowserDriver): Promise<string> {
  return h.probe.evaluate(() => {
    const api = chrome as unknown as Record<string, { getBadgeText(d: object): Promise<string> }>;
    return (api.action ?? api.browserAction)!.getBadgeText({});
  });
}

/** What the popup says of the real-time budget (opens the popup, waits for the line, closes it). */
export async function popupBudgetText(h: BrowserDriver): Promise<string> {
  const popup = await h.openPage('/popup.html');
  try {
    return await waitFor(
      () =>
        popup.evaluate(
          () => document.querySelector('[data-testid="realtime-budget"]')?.textContent ?? '',
        ),
      'the real-time budget in the popup',
    );
  } finally {
    await popup.close();
  }
}
