/**
 * "For you" in the benchmark: how soon a mention notifies after its frame left the simulator,
 * and the highlight words the ingest runs with (matching must not slow recording).
 */
import type { Page } from 'puppeteer';
import type { ChromiumDriver } from '../browser/chromium';
import { storageSet } from '../browser/extension';
import { waitFor } from '../browser/wait';
import { LOGIN } from './options';
import { distribution, sleep } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Fifty highlight words as a user might keep them: 48 words and phrases and two regular
 * expressions. None is in the simulator's chat lines, so the ingest measures the matching of
 * every line, not a flood of notifications.
 */
export const HIGHLIGHT_WORDS = [
  ...Array.from({ length: 40 }, (_, i) => `keyword${i}`),
  'giveaway',
  'hype train',
  'speedrun record',
  'new emote',
  'world first',
  'subathon',
  'drops enabled',
  'merch store',
  '/\\bbug\\s?bounty\\b/',
  '/\\b(?:collab|collaboration) with\\b/',
];

export async function useHighlightWords(h: ChromiumDriver, words: string[]): Promise<void> {
  await storageSet(h, { highlightWords: words }, 'sync');
  // The listener picks them up from the supervisor; a moment for it to get there.
  await sleep(1_000);
}

/**
 * Frame → "for you" notification: a chat line mentioning the signed-in user, from the moment the
 * simulator wrote its frame to the moment the notification exists.
 */
export async function forYouNotificationLatency(h: ChromiumDriver, probe: Page, count: number) {
  const values: number[] = [];
  let missing = 0;
  await probe.evaluate(() => (window as any).__commits.watchNotifications(true));
  for (let i = 0; i < count; i += 1) {
    const result = h.sim.control.trigger({
      type: 'channel.chat.message',
      user: 'pogchamp_pete',
      text: `@${LOGIN} are you there? (${i})`,
    });
    const messageId = result.delivered[0]?.messageId;
    const sentAt = h.sim.control
      .notifications({ type: 'channel.chat.message', limit: 5 })
      .find((r) => r.messageId === messageId)?.at as number | undefined;
    if (!messageId || !sentAt) throw new Error('the mention was not delivered');
    try {
      const shownAt = await waitFor(
        () =>
          probe.evaluate(
            (id: string) => (window as any).__commits.notifications.get(`foryou:${id}`) as number,
            messageId,
          ),
        'the "for you" notification',
        5_000,
        20,
      );
      values.push(shownAt - sentAt);
    } catch {
      missing += 1;
    }
    await sleep(300);
  }
  await probe.evaluate(() => (window as any).__commits.watchNotifications(false));
  return { ...distribution(values), missing };
}

const fmt = (d: any) => (d ? `${d.p50} / ${d.p95} / ${d.p99} ms (n=${d.n})` : 'n/a');

/** The rows of `--only for-you`. */
export function forYouRows(r: Record<string, any>): [string, string, string][] {
  return [
    ['measure', 'result', 'target'],
    [
      'chat mention → "for you" notification',
      `${r.forYouNotification.p50} / ${r.forYouNotification.p95} / ${r.forYouNotification.p99} ms (n=${r.forYouNotification.n}, missing ${r.forYouNotification.missing})`,
      'p95 < 500 ms',
    ],
    ...(r.ingest as any[]).map((run): [string, string, string] => [
      `ingest ${run.rate}/s for ${run.seconds} s, ${r.ingestHighlightWords} highlight words`,
      `${run.pass ? 'pass' : 'FAIL'}: missing ${run.missing}/${run.sent}, commit ${fmt(run.frameToCommit)}, max ${run.frameToCommit?.max ?? '-'} ms`,
      'zero loss at 5,000/s',
    ]),
  ];
}
