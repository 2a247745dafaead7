/**
 * Quiet hours and snooze in the background: notifications that would have been shown are
 * counted instead, and told in one summary when the quiet time ends — noticed by an alarm at the
 * end, and checked again whenever the background starts (a service worker may have slept through
 * the alarm) and whenever events arrive.
 */
import { browser } from 'wxt/browser';
import { serialQueue } from '../concurrency';
import { onMessage, type RecordedEvent } from '../messaging';
import { appIconUrl, notifyingEvents } from '../notifications';
import { addHeld, heldUntil, localTimeZone, snoozeEnd, type SnoozeChoice } from '../quiet';
import {
  heldNotifications,
  quietHours,
  snoozedUntil,
  type FavoriteChannel,
  type NotificationSettings,
} from '../settings';
import { TOGGLE_SNOOZE_COMMAND } from '../shortcuts';
import { kindOf } from '../twitch/catalog';
import { awaySummary, awayTitle } from '../wording/away';
import type { Feature } from './feature';
import { awayNotificationId } from './history-page';

export const QUIET_END_ALARM = 'quiet-end';

/**
 * Recorded batches and the quiet time's changes, one after another: quiet time ending must not
 * race a batch, nor a burst notification be planned while the singles it replaces are shown.
 */
export const inTurn = serialQueue();

/** Until when notifications are held back at `now`, or undefined when they are shown. */
export async function currentHold(now = Date.now()): Promise<number | undefined> {
  return heldUntil(
    await quietHours.getValue(),
    await snoozedUntil.getValue(),
    now,
    localTimeZone(),
  );
}

/** An alarm at the end of the quiet time, set again only when the end moved. */
export async function scheduleEnd(until: number): Promise<void> {
  if ((await browser.alarms.get(QUIET_END_ALARM))?.scheduledTime === until) return;
  await browser.alarms.create(QUIET_END_ALARM, { when: until });
}

/**
 * When notifications are held back, counts the events that would have notified and returns true;
 * otherwise tells what an ended quiet time held (if its end went unnoticed) and returns false.
 */
export async function holdBack(
  events: RecordedEvent[],
  settings: NotificationSettings,
  channels: readonly Pick<FavoriteChannel, 'id'>[],
  now = Date.now(),
): Promise<boolean> {
  const until = await currentHold(now);
  if (until === undefined) {
    await releaseHeld(now);
    return false;
  }
  const notifying = notifyingEvents(events, settings, channels, now);
  const kinds = notifying.map((event) => kindOf(event));
  if (kinds.length) {
    const held = await heldNotifications.getValue();
    await heldNotifications.setValue({
      // From the first held event's arrival: the stretch the summary opens holds it.
      since: held?.since ?? Math.min(now, ...notifying.map((event) => event.receivedAt)),
      counts: addHeld(held?.counts ?? {}, kinds),
    });
  }
  await scheduleEnd(until);
  return true;
}

/**
 * At the end of the quiet time: one notification summing up what was held back, and a snooze
 * that has run out cleared. Still quiet: the alarm is set for the end instead.
 */
export async function releaseHeld(now = Date.now()): Promise<void> {
  const until = await currentHold(now);
  if (until !== undefined) {
    await scheduleEnd(until);
    return;
  }
  const snooze = await snoozedUntil.getValue();
  if (snooze !== null) await snoozedUntil.setValue(null);
  const held = await heldNotifications.getValue();
  if (!held) return;
  await heldNotifications.setValue(null);
  const message = awaySummary(held.counts);
  if (!message) return;
  // Its id names the stretch it sums up: a click opens "What did I miss" at it.
  await browser.notifications.create(awayNotificationId(held.since, now), {
    type: 'basic',
    title: awayTitle(),
    message,
    iconUrl: appIconUrl(),
    priority: 0,
  });
}

/** Snoozes for an hour or until tomorrow, or ends the snooze: returns until when (or null). */
export async function setSnooze(choice: SnoozeChoice, now = Date.now()): Promise<number | null> {
  const until = snoozeEnd(choice, await quietHours.getValue(), now, localTimeZone());
  await snoozedUntil.setValue(until);
  await releaseHeld(now);
  return until;
}

/** The keyboard command: an hour's snooze, or off when snoozed. */
export async function toggleSnooze(now = Date.now()): Promise<number | null> {
  const snooze = await snoozedUntil.getValue();
  return setSnooze(snooze !== null && snooze > now ? 'off' : 'hour', now);
}

/** What an ended quiet time held, told now (in turn with the recorded batches). */
const releaseInTurn = () => inTurn(() => releaseHeld());

export const quietFeature: Feature = {
  listen() {
    onMessage('snooze', async ({ data }) => ({ until: await inTurn(() => setSnooze(data)) }));
    // Quiet hours turned off or moved: what they held is told now if they are over.
    quietHours.watch(() => void releaseInTurn().catch(() => undefined));
    browser.commands?.onCommand.addListener((command) => {
      if (command === TOGGLE_SNOOZE_COMMAND.name)
        void inTurn(() => toggleSnooze()).catch(() => undefined);
    });
  },
  // Set by `scheduleEnd` for the end of each quiet time.
  alarms: [{ name: QUIET_END_ALARM, run: releaseInTurn }],
  // A quiet time that ended while the background slept is told now.
  start: () => releaseInTurn().catch(() => undefined),
};
