/**
 * Whispers: who has whispered whom (Twitch takes longer whispers, up to 10,000 characters, to
 * someone who has whispered the sender; 500 otherwise), the sender limits of Send Whisper (3 a
 * second, 100 a minute, 40 different recipients a day), the per-user switches Twitch has and a
 * test needs (no verified phone number, suspended, whispers from strangers blocked), the silent
 * drop, and a log of every Send Whisper call.
 */

export const NEW_RECIPIENT_MAX_LENGTH = 500;
export const MAX_LENGTH = 10_000;
export const PER_SECOND = 3;
export const PER_MINUTE = 100;
export const RECIPIENTS_PER_DAY = 40;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a user's account says about whispers (Twitch's settings, set by tests). */
export interface WhisperSettings {
  /** Whether the user has a verified phone number (needed to send; true by default). */
  verifiedPhone: boolean;
  /** Whether Twitch lets the user send whispers at all (suspended: false). */
  maySend: boolean;
  /** "Block whispers from strangers": only people the user whispered first may whisper them. */
  blocksStrangers: boolean;
}

export interface WhisperRecord {
  fromUserId: string;
  toUserId: string;
  /** What the call asked to send. */
  message: string;
  /** The status Helix answered. */
  status: number;
  /** Delivered to the recipient over EventSub (not refused, not dropped silently). */
  delivered: boolean;
  /** Dropped silently: answered 204, never delivered. */
  dropped: boolean;
  /** Cut to this many characters (when longer than Twitch takes). */
  truncatedTo?: number;
  at: string;
}

export class Whispers {
  private readonly settings = new Map<string, WhisperSettings>();
  /** `from>to` for every whisper delivered, so that Twitch's "has whispered you before" holds. */
  private readonly pairs = new Set<string>();
  /** Per sender: epoch ms of each accepted call, and each recipient's first whisper of the day. */
  private readonly sent = new Map<string, number[]>();
  private readonly recipients = new Map<string, Map<string, number>>();
  /** The next Send Whisper calls to drop silently (answered 204, never delivered). */
  dropNext = 0;
  readonly log: WhisperRecord[] = [];

  settingsOf(userId: string): WhisperSettings {
    return (
      this.settings.get(userId) ?? { verifiedPhone: true, maySend: true, blocksStrangers: false }
    );
  }

  configure(userId: string, change: Partial<WhisperSettings>): WhisperSettings {
    const next = { ...this.settingsOf(userId), ...change };
    this.settings.set(userId, next);
    return next;
  }

  /** Someone whispered someone (over Send Whisper or the control surface). */
  delivered(fromUserId: string, toUserId: string): void {
    this.pairs.add(`${fromUserId}>${toUserId}`);
  }

  hasWhispered(fromUserId: string, toUserId: string): boolean {
    return this.pairs.has(`${fromUserId}>${toUserId}`);
  }

  /** The longest whisper `from` may send `to` (longer ones are cut). */
  maxLength(fromUserId: string, toUserId: string): number {
    return this.hasWhispered(toUserId, fromUserId) ? MAX_LENGTH : NEW_RECIPIENT_MAX_LENGTH;
  }

  /**
   * Whether a whisper from `fromUserId` to `toUserId` now is over a limit; when not, it is
   * counted.
   */
  overLimit(fromUserId: string, toUserId: string, now = Date.now()): boolean {
    const times = (this.sent.get(fromUserId) ?? []).filter((t) => now - t < 60_000);
    const recipients = this.recipients.get(fromUserId) ?? new Map<string, number>();
    for (const [id, at] of recipients) if (now - at >= DAY_MS) recipients.delete(id);
    const lastSecond = times.filter((t) => now - t < 1_000).length;
    const newRecipient = !recipients.has(toUserId);
    if (
      lastSecond >= PER_SECOND ||
      times.length >= PER_MINUTE ||
      (newRecipient && recipients.size >= RECIPIENTS_PER_DAY)
    )
      return true;
    times.push(now);
    if (newRecipient) recipients.set(toUserId, now);
    this.sent.set(fromUserId, times);
    this.recipients.set(fromUserId, recipients);
    return false;
  }

  /** Counts `count` different recipients for `fromUserId` today (to reach the daily limit). */
  useRecipients(fromUserId: string, count: number, now = Date.now()): number {
    const recipients = this.recipients.get(fromUserId) ?? new Map<string, number>();
    for (let i = 0; recipients.size < Math.min(count, RECIPIENTS_PER_DAY) && i < 1000; i++)
      recipients.set(`used-${recipients.size}-${i}`, now);
    this.recipients.set(fromUserId, recipients);
    return recipients.size;
  }

  /** Forgets the counts and the log (the settings and who whispered whom stay). */
  clearLog(): void {
    this.log.length = 0;
    this.sent.clear();
    this.recipients.clear();
  }
}
