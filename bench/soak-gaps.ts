/**
 * The soak run's pure arithmetic: from a log of moments when the simulator saw a socket holding
 * live subscriptions (or none), the gaps — the stretches in which Twitch delivered nothing,
 * because no socket held an enabled subscription that could carry a frame. Twitch replays nothing
 * sent into a gap, so a gap is what a fault really costs.
 */
import { distribution, type Distribution } from './stats';

/** One observation: at `at` (ms), a socket held live subscriptions (`live`), or none did. */
export interface LiveSample {
  at: number;
  live: boolean;
}

/** A stretch with no live subscription: from the last live moment to the next one. */
export interface Gap {
  /** The last moment a socket was seen with live subscriptions. */
  start: number;
  /** The next moment one was (null: still none when the log ends). */
  end: number | null;
  /** `end - start`, or up to the end of the log when it never came back. */
  ms: number;
}

/**
 * The gaps in a log of samples, oldest first. A gap starts at the last sample that was live
 * before samples that were not, and ends at the next live sample: with samples every `n` ms, a
 * gap is measured at most `n` ms too long, never too short. Samples before the first live one
 * are not a gap (nothing was listening yet). `until` closes a gap still open at the end.
 */
export function gapsOf(samples: readonly LiveSample[], until?: number): Gap[] {
  const gaps: Gap[] = [];
  let lastLive: number | undefined;
  let open: number | undefined;
  for (const s of samples) {
    if (s.live) {
      if (open !== undefined) gaps.push({ start: open, end: s.at, ms: s.at - open });
      open = undefined;
      lastLive = s.at;
    } else if (open === undefined && lastLive !== undefined) {
      open = lastLive;
    }
  }
  if (open !== undefined) {
    const end = until ?? samples[samples.length - 1]?.at ?? open;
    gaps.push({ start: open, end: null, ms: end - open });
  }
  return gaps;
}

/**
 * A log of samples that keeps only what the gaps depend on: each change of state, with the
 * sample just before it (the last live moment before a gap), and the latest sample.
 */
export class CompactLog {
  readonly samples: LiveSample[] = [];
  private previous: LiveSample | undefined;

  add(sample: LiveSample): void {
    const previous = this.previous;
    if (!previous || previous.live !== sample.live) {
      if (previous && this.samples[this.samples.length - 1] !== previous)
        this.samples.push(previous);
      this.samples.push(sample);
    }
    this.previous = sample;
  }

  /** The log, ending with the latest sample. */
  close(): LiveSample[] {
    const last = this.previous;
    if (last && this.samples[this.samples.length - 1] !== last) this.samples.push(last);
    return this.samples;
  }
}

/** The compact log of `samples` (see CompactLog). */
export function transitions(samples: readonly LiveSample[]): LiveSample[] {
  const compact = new CompactLog();
  for (const s of samples) compact.add(s);
  return compact.close();
}

/**
 * What one fault cost: the gaps that began in its window (`from` ≤ start < `to`), with the time
 * of the gap counted in full even when it ran past the window. `gapMs` is their total, 0 when the
 * fault was survived without one. A gap starts at the last live sample, which can be up to one
 * sampling interval before the fault was applied: `slackMs` (that interval) moves the window
 * that much earlier.
 */
export function gapInWindow(
  gaps: readonly Gap[],
  from: number,
  to: number,
  slackMs = 0,
): { gapMs: number; gaps: number } {
  const inside = gaps.filter((g) => g.start >= from - slackMs && g.start < to - slackMs);
  return { gapMs: inside.reduce((sum, g) => sum + g.ms, 0), gaps: inside.length };
}

/**
 * Gap distribution per fault kind, from each window's total gap (0 for a window without one),
 * and the windows' kinds.
 */
export function gapsByKind(
  windows: readonly { kind: string; gapMs: number }[],
): Record<string, Distribution> {
  const byKind = new Map<string, number[]>();
  for (const w of windows) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), w.gapMs]);
  return Object.fromEntries(
    [...byKind].map(([kind, values]) => [kind, distribution(values)!] as const),
  );
}

/** Ids that appear more than once in `stored`, and ids of `delivered` missing from it. */
export function reconcile(
  delivered: Iterable<string>,
  stored: readonly string[],
): { stored: number; lost: string[]; storedTwice: string[] } {
  const seen = new Map<string, number>();
  for (const id of stored) seen.set(id, (seen.get(id) ?? 0) + 1);
  const lost: string[] = [];
  let found = 0;
  for (const id of delivered) {
    if (seen.has(id)) found += 1;
    else lost.push(id);
  }
  const storedTwice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  return { stored: found, lost, storedTwice };
}
