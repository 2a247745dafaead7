/** The simulator's shared state and event delivery. */
import { seededRandom } from './random.js';
import { findEntry } from './catalog.js';
import { Cdn } from './cdn.js';
import { EventFactory } from './events/index.js';
import type { Generated, TriggerOptions } from './events/index.js';
import { EventSub } from './eventsub.js';
import { SubscriptionApi } from './eventsub/subscription-api.js';
import type { SentRecord } from './eventsub.js';
import { OAuth } from './oauth.js';
import { TokenStore } from './tokens.js';
import { Whispers } from './whispers.js';
import { World } from './world.js';

export interface EmbedRecord {
  kind: 'player' | 'chat' | 'clip';
  host: string;
  channel: string | null;
  /** A past broadcast's player: the video id (`v` and digits) and `time` as asked. */
  video?: string;
  time?: string;
  /** The clip embed: the clip's slug. */
  clip?: string;
  parent: string[];
  url: string;
  status: number;
  at: string;
}

export interface HelixChatRecord {
  messageId: string;
  broadcasterId: string;
  senderId: string;
  message: string;
  replyParentMessageId: string | null;
  isSent: boolean;
  at: string;
}

export interface FailureRule {
  id: number;
  /** Path below /helix, e.g. "/streams" (prefix match; "*" matches every path). */
  path: string;
  status: 429 | 500 | 503;
  remaining: number;
  resetSeconds: number;
}

export interface HelixCallRecord {
  method: string;
  path: string;
  status: number;
  at: string;
}

export interface TriggerResult {
  type: string;
  event: Record<string, unknown>;
  delivered: { subscriptionId: string; sessionId: string; messageId: string; userId: string }[];
}

export class Core {
  readonly world = new World();
  readonly tokens = new TokenStore();
  readonly events = new EventFactory(this.world);
  readonly eventsub: EventSub;
  /** Helix's EventSub subscription endpoints. */
  readonly subscriptionApi: SubscriptionApi;
  readonly cdn = new Cdn();
  readonly oauth: OAuth;
  readonly embeds: EmbedRecord[] = [];
  readonly helixChat: HelixChatRecord[] = [];
  readonly helixCalls: HelixCallRecord[] = [];
  /** Send Whisper's state: who whispered whom, the sender limits, the switches and the log. */
  readonly whispers = new Whispers();
  failures: FailureRule[] = [];
  /**
   * Each Helix request waits up to this long (evenly spread, seeded) before it is handled, and its
   * answer as long again on the way back: how slow the network is, which Twitch does not say.
   * Requests then reach Twitch out of order, and answers cross.
   */
  helixJitterMs = 0;
  readonly helixDelay = seededRandom(20261205);
  private failureSeq = 0;

  constructor(readonly log: (msg: string) => void) {
    this.eventsub = new EventSub(this.world, log);
    this.subscriptionApi = new SubscriptionApi(this.eventsub, this.world, this.tokens);
    this.oauth = new OAuth(this.world, this.tokens);
  }

  addFailure(rule: Omit<FailureRule, 'id'>): FailureRule {
    const full = { ...rule, id: ++this.failureSeq };
    this.failures.push(full);
    return full;
  }

  /** Generate an event and deliver it to every matching enabled subscription. */
  trigger(opts: TriggerOptions): TriggerResult {
    const generated = this.events.generate(opts);
    return {
      type: opts.type,
      event: generated.event,
      delivered: this.deliver(opts.type, generated, opts.version),
    };
  }

  deliver(type: string, generated: Generated, version?: string): TriggerResult['delivered'] {
    this.recordChat(type, generated.event);
    const delivered: TriggerResult['delivered'] = [];
    for (const sub of this.eventsub.subscriptions.values()) {
      if (sub.type !== type || sub.status !== 'enabled') continue;
      if (version !== undefined && sub.version !== version) continue;
      if (!this.matches(sub.type, sub.version, sub.condition, generated)) continue;
      const rec: SentRecord | undefined = this.eventsub.notify(sub, generated.event);
      if (rec)
        delivered.push({
          subscriptionId: sub.id,
          sessionId: rec.sessionId,
          messageId: rec.messageId,
          userId: sub.userId,
        });
    }
    return delivered;
  }

  private matches(
    type: string,
    version: string,
    condition: Record<string, string>,
    g: Generated,
  ): boolean {
    if (type === 'channel.raid') {
      const raid = g.raid;
      if (!raid) return false;
      return (
        condition.to_broadcaster_user_id === raid.toId ||
        condition.from_broadcaster_user_id === raid.fromId
      );
    }
    if (g.recipientId !== undefined && condition.user_id !== g.recipientId) return false;
    const entry = findEntry(type, version);
    if (entry === undefined || condition[entry.channelKey] !== g.channelId) return false;
    // A subscription to one reward hears of that reward only.
    const reward = condition.reward_id;
    return reward === undefined || rewardIdOf(g.event) === reward;
  }

  /** Keep the chat embed's history in step with chat events. */
  private recordChat(type: string, e: Record<string, unknown>): void {
    const s = (v: unknown): string => (typeof v === 'string' ? v : '');
    const channelId = s(e.broadcaster_user_id);
    if (!channelId) return;
    if (type === 'channel.chat.message' || type === 'channel.chat.notification') {
      const message = e.message as { text?: unknown } | undefined;
      const text = s(message?.text);
      const system = s(e.system_message);
      this.world.addChat({
        messageId: s(e.message_id),
        channelId,
        userId: s(e.chatter_user_id),
        userLogin: s(e.chatter_user_login),
        userName: s(e.chatter_user_name) || 'Anonymous',
        color: s(e.color) || '#9146FF',
        text:
          type === 'channel.chat.notification' ? [system, text].filter(Boolean).join(' — ') : text,
        kind: type === 'channel.chat.notification' ? 'notice' : 'chat',
      });
    } else if (type === 'channel.chat.clear') {
      this.world.chat.set(channelId, []);
    } else if (type === 'channel.chat.message_delete') {
      const list = this.world.chat.get(channelId);
      if (list)
        this.world.chat.set(
          channelId,
          list.filter((l) => l.messageId !== s(e.message_id)),
        );
    } else if (type === 'channel.chat.clear_user_messages') {
      const list = this.world.chat.get(channelId);
      if (list)
        this.world.chat.set(
          channelId,
          list.filter((l) => l.userId !== s(e.target_user_id)),
        );
    }
  }
}

/** The reward an event is about: a reward's own id, or the redeemed reward's. */
function rewardIdOf(event: Record<string, unknown>): string | undefined {
  const reward = event.reward;
  if (reward !== null && typeof reward === 'object' && 'id' in reward)
    return String((reward as { id: unknown }).id);
  return typeof event.id === 'string' ? event.id : undefined;
}
