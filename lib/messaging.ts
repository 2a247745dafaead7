/**
 * The one message protocol between the extension's contexts. Every message, its data and its
 * answer is declared here; `sendMessage` and `onMessage` are typed by it.
 *
 * - pages (popup, streamer page, options) → background: user actions
 * - background → listener host (the offscreen document in Chrome): start / stop listening
 * - listener host → background: the token (the one message the token travels in, as an answer
 *   to the host's own request), and what the listener reports (status, newly recorded events,
 *   the session's end) as one `ListenerEvent`
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { StoredEvent } from './db/database';
import type {
  ClipsLookup,
  StreamClipsRequest,
  StreamVideoRequest,
  VideoLookup,
} from './history/moment';
import type { ListenerConfig, ListenerEvent } from './listener-protocol';
import type { SnoozeChoice } from './quiet';
import type { WhisperParty, WhisperSendOutcome } from './twitch/whisper-payload';
import type { RetentionSettings } from './settings';
import type { ForYouSelection } from './db/for-you';

export interface ChannelSuggestion {
  id: string;
  login: string;
  displayName: string;
  profileImageUrl?: string;
  isLive: boolean;
  title?: string;
  gameName?: string;
}

/** What the pages show about the favorite channel right now. */
export interface ChannelSummary {
  isLive: boolean;
  title: string;
  gameName: string;
  viewerCount?: number;
  startedAt?: string;
}

/**
 * Who a login is on Twitch, for the streamer page: the channel, or why it cannot be had — not
 * a login at all, no such channel, signed out, or Twitch did not answer.
 */
export type ChannelLookup =
  | { status: 'found'; channel: FavoriteToggle }
  | { status: 'invalid' | 'unknown' | 'signedOut' | 'error' };

export type ActionResult = { ok: true } | { ok: false; error: string };

/** A channel to add to the favorites or remove from them. */
export interface FavoriteToggle {
  id: string;
  login: string;
  displayName: string;
  profileImageUrl?: string;
}

export interface SignInRequest {
  moderator: boolean;
  broadcaster: boolean;
  sendChat: boolean;
  /** Read the channels the user follows (`user:read:follows`): who is live, their go-lives. */
  follows?: boolean;
  /** Receive whispers (`user:read:whispers`). */
  whispers?: boolean;
  /** Send whispers (`user:manage:whispers`, which receiving comes with). */
  sendWhispers?: boolean;
}

/** What the listener host is told to listen to, without the access token. */
export type HostConfig = Omit<ListenerConfig, 'accessToken'>;

/** A newly recorded event, as the background gets it to decide on notifications and the badge. */
export type RecordedEvent = StoredEvent;

interface ProtocolMap {
  // pages → background
  signIn(request: SignInRequest): ActionResult;
  signOut(): ActionResult;
  setFavorite(input: string): ActionResult;
  searchChannels(query: string): ChannelSuggestion[];
  /** Adds the channel at the end of the favorites, or removes it when it is one. */
  toggleFavorite(channel: FavoriteToggle): ActionResult;
  /** Opens (or focuses) the streamer page, of `channel` (a login) when given. */
  openStreamerPage(request?: { channel?: string }): ActionResult;
  /** Opens (or focuses) "What did I miss", at a stretch of time or a channel (an id) when given. */
  openHistoryPage(request?: { from?: number; to?: number; channelId?: string }): ActionResult;
  /** A text, for the first favorite's chat, or a text and the favorite whose chat it is for. */
  sendChatMessage(message: string | { text: string; channelId: string }): ActionResult;
  /** The popup opened: refresh the follows when due and poll who is live now. */
  popupOpened(): void;
  streamerPageSeen(): void;
  /** The channel with this id, favorite or not (the first favorite without one). */
  channelSummary(channelId?: string): ChannelSummary | null;
  /** The Twitch channel with this login (any channel, not only a favorite). */
  lookUpChannel(login: string): ChannelLookup;
  /** Snooze notifications for an hour, until tomorrow, or off: until when (null when off). */
  snooze(choice: SnoozeChoice): { until: number | null };
  /** Sends a whisper to `to` as the signed-in user; stored in its conversation when sent. */
  sendWhisper(request: { to: WhisperParty; text: string }): WhisperSendOutcome;
  // background → listener host (the token is not in it: see hostCredentials)
  /** Fails with `notSignedIn` when the background had no token to give (see hostCredentials). */
  hostStart(request: {
    config: HostConfig;
    retention: RetentionSettings;
  }): ActionResult | { ok: false; notSignedIn: true };
  hostStop(options: { deleteSubscriptions: boolean }): ActionResult;
  hostPing(): { alive: true; listening: boolean; sessionId?: string };
  hostPlaySound(): void;
  // listener host → background
  /** The access token, answered to the offscreen document only (null to anyone else). */
  hostCredentials(): string | null;
  hostReady(): void;
  /** What the listener reported (in Chrome, from the offscreen document). */
  hostEvent(event: ListenerEvent): void;
  // pages → background: past broadcasts and clips
  /** The past broadcast of a stream ("Watch this moment"), looked up once per stream. */
  streamVideo(request: StreamVideoRequest): VideoLookup;
  /** The clips made during a stream, most viewed first. */
  streamClips(request: StreamClipsRequest): ClipsLookup;
  // "For you" (pages → background)
  /** Marks "for you" items of the signed-in user read (the badge follows). */
  markForYouRead(selection: ForYouSelection): void;
  /** Opens a channel's streamer page at a recorded chat line (its `event.message_id`). */
  openChatLine(request: { channel: string; line: string }): ActionResult;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
