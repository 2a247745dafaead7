/**
 * What the streamer page's header shows: the background's summary when the page opened, then
 * whatever recorded events said since (go-live, go-offline, title and category changes).
 */
import type { ChannelSummary } from '../../lib/messaging';
import { str } from '../../lib/twitch/fields';
import type { ChannelStateEvents } from './streamer-queries';

export interface ChannelState {
  /** Unknown until the summary or an event says. */
  isLive?: boolean;
  title?: string;
  gameName?: string;
  viewerCount?: number;
  /** Epoch ms the current stream started, while live. */
  liveSince?: number;
  /** Epoch ms the channel last went offline, while offline (when recorded). */
  lastLiveAt?: number;
}

function parseTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * @param summary the background's answer (`null`: it could not tell, `undefined`: not yet)
 * @param summaryAt epoch ms the summary was asked for; events received after it are newer news
 */
export function channelState(
  summary: ChannelSummary | null | undefined,
  summaryAt: number,
  events: ChannelStateEvents | undefined,
): ChannelState {
  const { online, offline, update } = events ?? {};
  const lastLiveEvent =
    online && (!offline || online.occurredAt >= offline.occurredAt) ? online : offline;
  const eventIsNews =
    lastLiveEvent !== undefined && (!summary || lastLiveEvent.receivedAt >= summaryAt);

  const isLive = eventIsNews ? lastLiveEvent.type === 'stream.online' : summary?.isLive;
  const updateIsNews = update !== undefined && (!summary || update.receivedAt >= summaryAt);

  const state: ChannelState = {
    isLive,
    title: updateIsNews ? (str(update.event, 'title') ?? summary?.title) : summary?.title,
    gameName: updateIsNews
      ? (str(update.event, 'category_name') ?? summary?.gameName)
      : summary?.gameName,
  };
  if (isLive) {
    if (eventIsNews && online) {
      state.liveSince = parseTime(str(online.event, 'started_at')) ?? online.occurredAt;
    } else {
      state.liveSince = parseTime(summary?.startedAt);
      state.viewerCount = summary?.viewerCount;
    }
  } else if (isLive === false && offline) {
    state.lastLiveAt = offline.occurredAt;
  }
  return state;
}
