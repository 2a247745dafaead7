/**
 * Streams starting and ending over time among the generated broadcasters (the demo viewer's
 * follows): every `intervalMs` one stream ends or another starts, keeping about `target` live,
 * and live viewer counts drift. On in the demo world, off in the quiet one.
 */
import type { Core } from './core.js';
import { pick, randInt } from './objects.js';
import { GENERATED_LIVE } from './population.js';
import type { ChannelState } from './world.js';

export class StreamSchedule {
  private timer: NodeJS.Timeout | null = null;
  /** Time between two changes; slow enough to watch in the demo. */
  intervalMs = 45_000;
  /** About this many generated channels are live at a time. */
  target = GENERATED_LIVE;

  constructor(private readonly core: Core) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(intervalMs = this.intervalMs): void {
    this.stop();
    this.intervalMs = intervalMs;
    this.timer = setInterval(() => this.step(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One change: a stream ends or starts (stream.offline / stream.online), and viewers drift. */
  step(): void {
    const channels = this.core.world.generatedChannels();
    const live = channels.filter((c) => c.live);
    const offline = channels.filter((c) => !c.live);
    for (const c of live) c.viewerCount = Math.max(1, c.viewerCount + randInt(-8, 8));
    const end =
      offline.length === 0 ||
      (live.length > 0 && (live.length > this.target || Math.random() < 0.5));
    if (end && live.length > 0) this.end(pick(live));
    else if (offline.length > 0) this.begin(pick(offline));
  }

  private begin(channel: ChannelState): void {
    this.core.world.startStream(channel, randInt(3, 1500));
    this.core.trigger({ type: 'stream.online', channel: channel.broadcasterId });
  }

  private end(channel: ChannelState): void {
    this.core.world.endStream(channel);
    this.core.trigger({ type: 'stream.offline', channel: channel.broadcasterId });
  }
}
