/**
 * How the background is put together: each feature says which messages it answers, which alarms
 * it runs and what it does when the background starts, and `startFeatures` wires them all.
 */
import { browser } from 'wxt/browser';

/** A periodic job: one row of the background's alarm table. */
export interface Alarm {
  name: string;
  /**
   * Minutes between runs: a number for a fixed period, created once if missing (creating it again
   * on every wake-up would postpone it forever); a function for a period a setting decides,
   * created again when it changed; none for an alarm its feature sets itself, at a time.
   */
  period?: number | (() => Promise<number>);
  run(): Promise<unknown>;
}

export interface Feature {
  /**
   * Answers its messages and registers its listeners. Called once, as the background starts,
   * before anything is awaited (a service worker hears only what it listens to at once).
   */
  listen?(): void;
  alarms?: readonly Alarm[];
  /**
   * Every time the background starts: browser start, install, update or a service worker
   * wake-up. The features start one after another, in their order.
   */
  start?(): Promise<void>;
  /** At browser start, install and update only (the background starts then too). */
  launch?(): Promise<void>;
}

/** The half-minute round: the listener's watchdog and the retries that go with it. */
export const WATCHDOG = { name: 'listener-watchdog', period: 0.5 } as const;

const report = (what: string) => (error: unknown) =>
  console.error(`Background: ${what} failed`, error);

/** Creates the alarm when it is missing, or (a setting's period) when its period changed. */
export async function ensureAlarm(alarm: Alarm): Promise<void> {
  if (alarm.period === undefined) return;
  const periodInMinutes = typeof alarm.period === 'number' ? alarm.period : await alarm.period();
  const existing = await browser.alarms.get(alarm.name);
  if (
    existing &&
    (typeof alarm.period === 'number' || existing.periodInMinutes === periodInMinutes)
  )
    return;
  await browser.alarms.create(alarm.name, { periodInMinutes, delayInMinutes: periodInMinutes });
}

/** Wires the features: their listeners, one alarm table, their start-up. */
export function startFeatures(features: readonly Feature[]): void {
  for (const feature of features) feature.listen?.();

  const alarms = features.flatMap((feature) => feature.alarms ?? []);
  browser.alarms.onAlarm.addListener(({ name }) => {
    for (const alarm of alarms)
      if (alarm.name === name) void alarm.run().catch(report(`alarm ${name}`));
  });
  const created = new Set<string>();
  for (const alarm of alarms) {
    if (created.has(alarm.name)) continue; // several jobs may share one alarm
    created.add(alarm.name);
    void ensureAlarm(alarm).catch(report(`creating alarm ${alarm.name}`));
  }

  const launch = () => {
    for (const feature of features) void feature.launch?.().catch(report('launch'));
  };
  browser.runtime.onInstalled.addListener(launch);
  browser.runtime.onStartup.addListener(launch);

  void (async () => {
    for (const feature of features) await feature.start?.().catch(report('start'));
  })();
}
