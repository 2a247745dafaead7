/** The chat firehose: chat messages at a fixed rate, for a duration and/or a count. */
import type { Core } from '../core.js';
import { uuid } from '../ids.js';
import { fail } from './errors.js';

interface Firehose {
  id: string;
  channel: string;
  /** Every channel it sends to, in turn (one, unless `channels` was given). */
  channels: string[];
  byChannel: Record<string, number>;
  rate: number;
  count: number | null;
  durationMs: number | null;
  startedAt: number;
  sent: number;
  timer: NodeJS.Timeout | null;
  done: Promise<void>;
  finish: () => void;
}

export interface FirehoseReport {
  id: string;
  channel: string;
  /** How many were sent to each channel (by login). */
  byChannel: Record<string, number>;
  rate: number;
  sent: number;
  running: boolean;
  elapsedMs: number;
}

function finishFirehose(f: Firehose): void {
  if (f.timer) clearInterval(f.timer);
  f.timer = null;
  f.finish();
}

function report(f: Firehose): FirehoseReport {
  return {
    id: f.id,
    channel: f.channel,
    byChannel: { ...f.byChannel },
    rate: f.rate,
    sent: f.sent,
    running: f.timer !== null,
    elapsedMs: Math.round(performance.now() - f.startedAt),
  };
}

export function firehoseOperations(core: Core) {
  let current: Firehose | null = null;

  function firehoseStop(): FirehoseReport | { running: false; sent: 0 } {
    const f = current;
    if (!f) return { running: false, sent: 0 };
    finishFirehose(f);
    return report(f);
  }

  return {
    /**
     * Chat firehose: `rate` messages per second for `durationMs` and/or `count` messages, to
     * `channel`, or to each of `channels` in turn (the rate is shared).
     */
    async firehose(opts: {
      channel?: string;
      channels?: string[];
      rate: number;
      durationMs?: number;
      count?: number;
      /** Resolve only when it has finished. */
      wait?: boolean;
    }): Promise<FirehoseReport> {
      const rate = Number(opts.rate);
      if (!Number.isFinite(rate) || rate <= 0 || rate > 100_000)
        return fail('rate must be between 1 and 100000 per second');
      if (opts.count === undefined && opts.durationMs === undefined)
        return fail('firehose needs count or durationMs');
      if (opts.channels !== undefined && (!Array.isArray(opts.channels) || !opts.channels.length))
        return fail('channels must be a list of channels');
      const channels = (opts.channels ?? [opts.channel ?? 'demo']).map(
        (c) => core.world.channelFor(String(c)).account.login,
      );
      const channel = channels[0]!;
      if (current) firehoseStop();
      let finish = (): void => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const f: Firehose = {
        id: uuid(),
        channel,
        channels,
        byChannel: Object.fromEntries(channels.map((c) => [c, 0])),
        rate,
        count: opts.count !== undefined ? Math.max(0, Math.floor(opts.count)) : null,
        durationMs: opts.durationMs !== undefined ? Math.max(0, opts.durationMs) : null,
        startedAt: performance.now(),
        sent: 0,
        timer: null,
        done,
        finish,
      };
      current = f;
      const tick = (): void => {
        const elapsed = performance.now() - f.startedAt;
        let due = Math.floor((elapsed * f.rate) / 1000);
        if (f.durationMs !== null) due = Math.min(due, Math.floor((f.durationMs * f.rate) / 1000));
        if (f.count !== null) due = Math.min(due, f.count);
        while (f.sent < due) {
          const to = f.channels[f.sent % f.channels.length]!;
          core.trigger({ type: 'channel.chat.message', channel: to });
          f.byChannel[to] = (f.byChannel[to] ?? 0) + 1;
          f.sent++;
        }
        const finished =
          (f.count !== null && f.sent >= f.count) ||
          (f.durationMs !== null && elapsed >= f.durationMs);
        if (finished) finishFirehose(f);
      };
      f.timer = setInterval(tick, 5);
      tick();
      if (opts.wait) await done;
      return report(f);
    },

    firehoseStop,

    firehoseStatus(): FirehoseReport | null {
      return current ? report(current) : null;
    },
  };
}
