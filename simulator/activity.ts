/** The lively 'demo' world: chat a few times a second and a steady, realistic mix of events. */
import type { Core } from './core.js';
import { replyTo } from './events/chat.js';
import type { TriggerOptions } from './events/index.js';
import { pick, randInt } from './objects.js';
import { DEMO_CHANNEL, type Account } from './world.js';

/** What the demo's chatters say to a signed-in user, mentioning them. */
const MENTION_LINES = [
  'what do you think about the new level?',
  'you were right about the boss fight',
  'did you see that?!',
  'welcome in!',
];
/** What they answer when the user writes in chat. */
const REPLY_LINES = ['good point!', 'haha same', 'agreed', 'no way, really?', 'thanks!'];

type Step = { afterMs: number; opts: Omit<TriggerOptions, 'channel'> };

export class Activity {
  private timers = new Set<NodeJS.Timeout>();
  running = false;
  /** Chat messages per second in the demo channel. */
  chatRate = 2.5;

  constructor(
    private readonly core: Core,
    private readonly channel = DEMO_CHANNEL,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleChat();
    this.later(2500, () => this.nextScenario());
    this.later(15_000, () => this.driftViewers());
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.running) return;
      try {
        fn();
      } catch (e) {
        this.core.log(`activity: ${(e as Error).message}`);
      }
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private fire(opts: Omit<TriggerOptions, 'channel'>): void {
    this.core.trigger({ ...opts, channel: this.channel });
  }

  /**
   * The users the extension listens for (their chat or their whispers): whom the demo's chatters
   * mention, answer and whisper.
   */
  private listeningUsers(type: string): Account[] {
    const world = this.core.world;
    const channelId = world.resolve(this.channel).id;
    const ids = new Set<string>();
    for (const sub of this.core.eventsub.subscriptions.values()) {
      if (sub.status !== 'enabled' || sub.type !== type) continue;
      const userId = sub.condition.user_id;
      const here =
        type !== 'channel.chat.message' || sub.condition.broadcaster_user_id === channelId;
      if (userId && here && userId !== channelId) ids.add(userId);
    }
    return [...ids].map((id) => world.accountById(id)).filter((a): a is Account => Boolean(a));
  }

  /** A chatter who is not `user`. */
  private someoneBut(user: Account): string {
    return pick(this.core.world.chatters([this.core.world.resolve(this.channel).id, user.id]))
      .login;
  }

  /** A chatter mentions one of the signed-in users (`@login`); false when none listens. */
  mentionUser(): boolean {
    const listening = this.listeningUsers('channel.chat.message');
    if (listening.length === 0) return false;
    const user = pick(listening);
    this.fire({
      type: 'channel.chat.message',
      user: this.someoneBut(user),
      text: `@${user.login} ${pick(MENTION_LINES)}`,
    });
    return true;
  }

  /** Chat lines of signed-in users already answered. */
  private readonly answered = new Set<string>();
  /** How long a chatter takes to answer a signed-in user (ms, at least and at most). */
  replyDelayMs: [number, number] = [1000, 3000];

  /** A chatter answers the newest line a signed-in user wrote that nobody answered yet. */
  answerUsers(): void {
    const world = this.core.world;
    const users = new Map(this.listeningUsers('channel.chat.message').map((u) => [u.id, u]));
    if (users.size === 0) return;
    const history = world.chat.get(world.resolve(this.channel).id) ?? [];
    const line = [...history].reverse().find((l) => users.has(l.userId) && l.kind === 'chat');
    if (!line || this.answered.has(line.messageId)) return;
    this.answered.add(line.messageId);
    const user = users.get(line.userId)!;
    this.later(randInt(...this.replyDelayMs), () =>
      this.fire({
        type: 'channel.chat.message',
        user: this.someoneBut(user),
        text: `@${user.login} ${pick(REPLY_LINES)}`,
        overrides: { reply: replyTo(line) },
      }),
    );
  }

  private scheduleChat(): void {
    // Exponential gaps give a natural, bursty rhythm around chatRate per second.
    const gap = Math.min(4000, -Math.log(1 - Math.random()) * (1000 / this.chatRate));
    this.later(gap, () => {
      this.answerUsers();
      const roll = Math.random();
      // Now and then a chatter mentions a signed-in user instead.
      if (roll < 0.012 && this.mentionUser()) {
        this.scheduleChat();
        return;
      }
      this.fire({
        type: 'channel.chat.message',
        ...(roll < 0.08 ? { reply: true } : {}),
        ...(roll > 0.97 ? { messageType: 'channel_points_highlighted' } : {}),
      });
      this.scheduleChat();
    });
  }

  private driftViewers(): void {
    const ch = this.core.world.channelFor(this.channel).channel;
    if (ch.live) ch.viewerCount = Math.max(5, ch.viewerCount + randInt(-12, 15));
    this.later(15_000, () => this.driftViewers());
  }

  /** Someone whispers each user who listens for whispers. */
  whisperUsers(): void {
    for (const user of this.listeningUsers('user.whisper.message')) {
      const from = this.someoneBut(user);
      const result = this.core.trigger({ type: 'user.whisper.message', user: from, to: user.id });
      this.core.whispers.delivered(String(result.event.from_user_id), user.id);
    }
  }

  private sequence(steps: Step[]): void {
    for (const s of steps) this.later(s.afterMs, () => this.fire(s.opts));
  }

  private nextScenario(): void {
    const world = this.core.world;
    const chatter = pick(world.chatters()).login;
    const raider = pick(world.otherBroadcasters(world.resolve(this.channel).id)).login;
    const scenarios: [number, () => void][] = [
      [3, () => this.fire({ type: 'channel.follow', user: chatter })],
      [
        2,
        () => {
          this.fire({ type: 'channel.subscribe', user: chatter, tier: '1000' });
          this.fire({
            type: 'channel.chat.notification',
            noticeType: 'sub',
            user: chatter,
            tier: '1000',
          });
        },
      ],
      [
        2,
        () => {
          const months = randInt(2, 30);
          this.fire({ type: 'channel.subscription.message', user: chatter, amount: months });
          this.fire({
            type: 'channel.chat.notification',
            noticeType: 'resub',
            user: chatter,
            amount: months,
          });
        },
      ],
      [
        1.5,
        () => {
          const total = pick([1, 5, 5, 10]);
          this.fire({
            type: 'channel.subscription.gift',
            user: chatter,
            amount: total,
            tier: '1000',
          });
          this.fire({
            type: 'channel.chat.notification',
            noticeType: total === 1 ? 'sub_gift' : 'community_sub_gift',
            user: chatter,
            amount: total,
            tier: '1000',
          });
        },
      ],
      [
        2,
        () => {
          const bits = pick([100, 100, 250, 500, 1000]);
          this.fire({
            type: 'channel.chat.message',
            user: chatter,
            bits,
            text: pick(['great stream!', 'for the coffee fund', 'PogChamp']),
          });
          this.fire({ type: 'channel.cheer', user: chatter, bits, text: `Cheer${bits}` });
        },
      ],
      [
        1,
        () => {
          const viewers = randInt(15, 300);
          this.fire({ type: 'channel.raid', from: raider, to: this.channel, amount: viewers });
          this.fire({
            type: 'channel.chat.notification',
            noticeType: 'raid',
            from: raider,
            amount: viewers,
          });
        },
      ],
      [1, () => this.fire({ type: 'channel.chat.notification', noticeType: 'announcement' })],
      [
        0.7,
        () =>
          this.fire({
            type: 'channel.chat.notification',
            noticeType: 'watch_streak',
            user: chatter,
          }),
      ],
      [
        1.5,
        () => {
          this.fire({ type: 'channel.channel_points_custom_reward_redemption.add', user: chatter });
          this.later(8000, () =>
            this.fire({ type: 'channel.channel_points_custom_reward_redemption.update' }),
          );
        },
      ],
      [
        0.5,
        () =>
          this.fire({
            type: 'channel.channel_points_automatic_reward_redemption.add',
            user: chatter,
          }),
      ],
      [
        0.6,
        () =>
          this.sequence([
            { afterMs: 0, opts: { type: 'channel.poll.begin' } },
            { afterMs: 8000, opts: { type: 'channel.poll.progress' } },
            { afterMs: 16_000, opts: { type: 'channel.poll.progress' } },
            { afterMs: 30_000, opts: { type: 'channel.poll.end' } },
          ]),
      ],
      [
        0.5,
        () =>
          this.sequence([
            { afterMs: 0, opts: { type: 'channel.prediction.begin' } },
            { afterMs: 7000, opts: { type: 'channel.prediction.progress' } },
            { afterMs: 20_000, opts: { type: 'channel.prediction.lock' } },
            { afterMs: 35_000, opts: { type: 'channel.prediction.end' } },
          ]),
      ],
      [
        0.3,
        () =>
          this.sequence([
            { afterMs: 0, opts: { type: 'channel.hype_train.begin' } },
            { afterMs: 6000, opts: { type: 'channel.hype_train.progress' } },
            { afterMs: 12_000, opts: { type: 'channel.hype_train.progress' } },
            { afterMs: 25_000, opts: { type: 'channel.hype_train.end' } },
          ]),
      ],
      [0.4, () => this.fire({ type: 'channel.shoutout.receive', from: raider })],
      [
        0.3,
        () => this.fire({ type: 'channel.moderate', action: pick(['timeout', 'delete', 'ban']) }),
      ],
      [0.2, () => this.fire({ type: 'automod.message.hold' })],
      [0.8, () => this.whisperUsers()],
      [
        0.6,
        () => {
          const { channel } = world.channelFor(this.channel);
          if (channel.live) world.archive.createClip(channel, { creator: world.resolve(chatter) });
        },
      ],
    ];
    const total = scenarios.reduce((n, [w]) => n + w, 0);
    let r = Math.random() * total;
    for (const [w, run] of scenarios) {
      r -= w;
      if (r <= 0) {
        run();
        break;
      }
    }
    this.later(randInt(4000, 9000), () => this.nextScenario());
  }
}
