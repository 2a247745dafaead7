import { describe, expect, it, vi } from 'vitest';
import { NotificationIcons } from '../../lib/notification-icons';

const AVATAR = 'https://static-cdn.jtvnw.net/jtv_user_pictures/demo-profile_image-300x300.png';
const APP_ICON = 'chrome-extension://id/icon/128.png';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

const png = (bytes = PNG, headers: Record<string, string> = {}) =>
  new Response(bytes, { headers: { 'content-type': 'image/png', ...headers } });

/** A fetch that never answers until aborted, as a hanging CDN. */
const hanging = vi.fn(
  (_url: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_, reject) =>
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
    ),
);

function icons(fetchImpl: typeof fetch, extra: { now?: () => number; timeoutMs?: number } = {}) {
  return new NotificationIcons({ fallback: () => APP_ICON, fetch: fetchImpl, ...extra });
}

describe('NotificationIcons', () => {
  it('answers at once with the app icon while the avatar is on its way, then with the avatar', async () => {
    let answer: (r: Response) => void = () => undefined;
    const fetchImpl = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    const i = icons(fetchImpl);
    expect(i.iconFor(AVATAR)).toBe(APP_ICON);
    expect(i.iconFor(AVATAR)).toBe(APP_ICON);
    // One fetch in flight, not one per notification.
    await vi.waitFor(() => expect(fetchImpl).toHaveBeenCalledTimes(1));
    answer(png());
    await i.prefetch(AVATAR);
    expect(i.iconFor(AVATAR)).toBe('data:image/png;base64,iVBORw==');
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('gives up on a CDN that never answers after its time limit, and remembers it', async () => {
    hanging.mockClear();
    let now = 0;
    const i = icons(hanging, { now: () => now, timeoutMs: 50 });
    expect(i.iconFor(AVATAR)).toBe(APP_ICON);
    await i.prefetch(AVATAR); // the attempt in flight ends with the time limit
    now += 60_000;
    expect(i.iconFor(AVATAR)).toBe(APP_ICON);
    await i.prefetch(AVATAR);
    expect(hanging).toHaveBeenCalledTimes(1);
    now += 10 * 60 * 1000;
    expect(i.iconFor(AVATAR)).toBe(APP_ICON);
    await vi.waitFor(() => expect(hanging).toHaveBeenCalledTimes(2)); // tried again after a while
  });

  it.each([
    ['unreachable', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['404', () => Promise.resolve(new Response('Not Found', { status: 404 }))],
    [
      'not an image',
      () => Promise.resolve(new Response('<p>x</p>', { headers: { 'content-type': 'text/html' } })),
    ],
    [
      'announced too large',
      () => Promise.resolve(png(PNG, { 'content-length': String(64 << 20) })),
    ],
    ['too large once read', () => Promise.resolve(png(new Uint8Array(2 * 1024 * 1024)))],
  ])('%s: the app icon, and no second try for minutes', async (_name, answer) => {
    const fetchImpl = vi.fn(answer as () => Promise<Response>);
    const i = icons(fetchImpl);
    i.iconFor(AVATAR);
    await i.prefetch(AVATAR);
    expect(i.iconFor(AVATAR)).toBe(APP_ICON);
    await i.prefetch(AVATAR);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('keeps the avatar of the favorite it was asked for, and no picture without an address', async () => {
    const fetchImpl = vi.fn(() => Promise.resolve(png()));
    const i = icons(fetchImpl);
    expect(i.iconFor(undefined)).toBe(APP_ICON);
    expect(fetchImpl).not.toHaveBeenCalled();
    await i.prefetch(AVATAR);
    const other = AVATAR.replace('demo', 'other');
    expect(i.iconFor(other)).toBe(APP_ICON);
    await i.prefetch(other);
    expect(i.iconFor(other)).toMatch(/^data:image\/png;base64,/);
  });
});
