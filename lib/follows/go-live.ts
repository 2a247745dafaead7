/**
 * Which followed channels' streams deserve a go-live notification, decided from two polls of
 * Get Followed Streams. Pure: everything it needs is passed in, what it learned is returned.
 *
 * - never twice for one stream (Twitch's stream id), whoever announced it first (a poll or
 *   EventSub);
 * - a stream that starts again within the cooldown of the channel's last one is a restart;
 * - a stream that started longer ago than a poll interval plus a margin is old news (the machine
 *   slept, the browser was closed, or the user just signed in): it is remembered, not announced;
 * - the mode (all follows, favorites only, off) and the per-channel mute;
 * - channels whose go-live reaches the extension over EventSub in real time are left to it.
 */
import type { FollowNotificationSettings, GoLiveMemory, LiveStream } from '../settings';

/** How late a poll may see a stream start and still announce it, beyond one poll interval. */
export const STALE_MARGIN_MS = 2 * 60 * 1000;
/** How many announced stream ids are remembered. */
const ANNOUNCED_KEPT = 1000;

export interface GoLiveInput {
  /** The streams the poll just saw live. */
  live: LiveStream[];
  memory: GoLiveMemory;
  settings: FollowNotificationSettings;
  /** Ids of the favorite channels. */
  favoriteIds: ReadonlySet<string>;
  /** Ids of the channels whose go-live EventSub delivers (already notified from there). */
  realTimeIds: ReadonlySet<string>;
  now: number;
  pollIntervalMs: number;
}

export type GoLiveSkip = 'announced' | 'restart' | 'stale' | 'muted' | 'mode' | 'real-time';

export interface GoLiveDecision {
  notify: LiveStream[];
  /** Why each stream seen live for the first time was not announced (by stream id). */
  skipped: Record<string, GoLiveSkip>;
  memory: GoLiveMemory;
}

function skipReason(stream: LiveStream, input: GoLiveInput): GoLiveSkip | undefined {
  const { memory, settings, now } = input;
  if (memory.announced.includes(stream.streamId)) return 'announced';
  const last = memory.lastLive[stream.channelId];
  if (last && last.streamId === stream.streamId) return 'announced';
  if (last && now - last.at <= settings.cooldownMinutes * 60_000) return 'restart';
  const started = Date.parse(stream.startedAt);
  if (!Number.isFinite(started) || now - started > input.pollIntervalMs + STALE_MARGIN_MS)
    return 'stale';
  if (input.realTimeIds.has(stream.channelId)) return 'real-time';
  if (settings.goLive === 'off') return 'mode';
  if (settings.goLive === 'favorites' && !input.favoriteIds.has(stream.channelId)) return 'mode';
  if (settings.muted.includes(stream.channelId)) return 'muted';
  return undefined;
}

export function decideGoLive(input: GoLiveInput): GoLiveDecision {
  const notify: LiveStream[] = [];
  const skipped: Record<string, GoLiveSkip> = {};
  const announced = [...input.memory.announced];
  for (const stream of input.live) {
    const reason = skipReason(stream, input);
    if (reason === 'announced') continue;
    // A stream is judged once: announced now, or never (a restart stays a restart).
    announced.push(stream.streamId);
    if (reason) skipped[stream.streamId] = reason;
    else notify.push(stream);
  }
  const lastLive = { ...input.memory.lastLive };
  for (const stream of input.live)
    lastLive[stream.channelId] = { streamId: stream.streamId, at: input.now };
  // Channels not seen live for longer than any cooldown could ask are forgotten.
  const keepFor = Math.max(input.settings.cooldownMinutes, 10) * 60_000 * 6;
  for (const [id, last] of Object.entries(lastLive))
    if (input.now - last.at > keepFor) delete lastLive[id];
  return {
    notify,
    skipped,
    memory: { announced: announced.slice(-ANNOUNCED_KEPT), lastLive },
  };
}

/** Remembers a stream announced elsewhere (EventSub's `stream.online`) so a poll does not repeat it. */
export function rememberAnnounced(memory: GoLiveMemory, streamId: string): GoLiveMemory {
  if (memory.announced.includes(streamId)) return memory;
  return { ...memory, announced: [...memory.announced, streamId].slice(-ANNOUNCED_KEPT) };
}

/** Live channels for the popup: favorites first, then by viewers (most first). */
export function sortLive(streams: LiveStream[], favoriteIds: ReadonlySet<string>): LiveStream[] {
  return [...streams].sort((a, b) => {
    const fa = favoriteIds.has(a.channelId) ? 0 : 1;
    const fb = favoriteIds.has(b.channelId) ? 0 : 1;
    return fa - fb || b.viewerCount - a.viewerCount || a.login.localeCompare(b.login);
  });
}
