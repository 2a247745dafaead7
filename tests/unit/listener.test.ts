// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CompanionDatabase } from '../../lib/db/database';
import { Listener, type ListenerConfig } from '../../lib/listener/listener';
import type {
  ListenerEvent,
  ListenerStatus,
  SubscriptionStatus,
} from '../../lib/listener-protocol';
import { refusalReason } from '../../lib/listener/subscription-status';
import { HelixError } from '../../lib/twitch/helix';
import { subscriptionReasonWords } from '../../lib/wording/listener';
import { catalogEntryFor, entriesForRole, eventCatalog, scopesFor } from '../../lib/twitch/catalog';

let listener: Listener | undefined;
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
});

/** A listener whose socket never connects (a closed local port): its decisions are all we read. */
function startWith(config: Omit<ListenerConfig, 'clientId' | 'accessToken'>) {
  const statuses: ListenerStatus[] = [];
  listener = new Listener(
    { clientId: 'client', accessToken: 'token', ...config },
    (event: ListenerEvent) => {
      if (event.kind === 'status') statuses.push(event.status);
    },
    new CompanionDatabase(`test-${Math.random()}`),
    { url: 'ws://127.0.0.1:9/ws' },
  );
  listener.start();
  return statuses;
}

/** One favorite, `demo`, in which the user has `role`. */
const start = (role: ListenerConfig['channels'][number]['role'], scopes: string[]) =>
  startWith({
    scopes,
    userId: role === 'broadcaster' ? '100001' : '100003',
    channels: [{ id: '100001', login: 'demo', role }],
  });

/** The types the listener asked its socket to subscribe to. */
const subscribed = (l: Listener) =>
  (
    l as unknown as {
      eventSub: { _getSubscriptionsForUser(id: string): { entry: { id: string } }[] };
    }
  ).eventSub
    ._getSubscriptionsForUser(l.config.userId)
    .map((sub) => sub.entry.id)
    .sort();

/** A subscription's status with its reason in the words the popup shows. */
const worded = (s: SubscriptionStatus | undefined) =>
  s && { ...s, reason: s.reason && subscriptionReasonWords(s.reason) };

const byStatus = (status: ListenerStatus, wanted: string) =>
  status.subscriptions.filter((s) => s.status === wanted).map((s) => s.id);

describe('Listener subscriptions', () => {
  it('subscribes a viewer to the viewer types only; the others are refused with the role they need', () => {
    const [status] = start('viewer', scopesFor({ moderator: false, broadcaster: false }));
    expect(status!.state).toBe('connecting');
    const viewerIds = entriesForRole('viewer')
      .filter((e) => !e.scope || e.scope === 'user:read:chat')
      .map((e) => e.id);
    expect(byStatus(status!, 'pending').sort()).toEqual(viewerIds.sort());
    expect(subscribed(listener!)).toEqual(viewerIds.sort());
    expect(status!.subscriptions).toHaveLength(eventCatalog.length);
    const follow = status!.subscriptions.find((s) => s.id === 'channel.follow');
    expect(follow).toMatchObject({ status: 'refused', reason: { code: 'needsModerator' } });
    expect(worded(follow)).toMatchObject({ reason: 'needs moderator access' });
    const cheer = worded(status!.subscriptions.find((s) => s.id === 'channel.cheer'));
    expect(cheer).toMatchObject({
      status: 'refused',
      reason: 'only the broadcaster can see these',
    });
  });

  it('keeps to the role in this channel, whatever scopes the token has', () => {
    // A broadcaster's token, listening to someone else's channel as a viewer.
    const [status] = start(
      'viewer',
      scopesFor({ moderator: true, broadcaster: true, whispers: true }),
    );
    const viewerIds = entriesForRole('viewer')
      .map((e) => e.id)
      .sort();
    expect(subscribed(listener!)).toEqual(viewerIds);
    expect(byStatus(status!, 'pending').sort()).toEqual(viewerIds);
  });

  it('asks for more access where a type the role allows needs a scope that was not granted', () => {
    const [status] = start('moderator', ['user:read:chat']);
    const follow = worded(status!.subscriptions.find((s) => s.id === 'channel.follow'));
    expect(follow).toMatchObject({
      status: 'refused',
      reason: 'needs more access (sign in again to grant it)',
    });
    expect(byStatus(status!, 'pending')).toContain('stream.online');
    expect(subscribed(listener!)).toEqual(byStatus(status!, 'pending').sort());
    expect(subscribed(listener!)).not.toContain('channel.follow');
  });

  it('subscribes the broadcaster with every scope to every type', () => {
    const [status] = start(
      'broadcaster',
      scopesFor({ moderator: true, broadcaster: true, whispers: true }),
    );
    expect(byStatus(status!, 'pending').sort()).toEqual(eventCatalog.map((e) => e.id).sort());
  });
});

describe('Listener and whispers', () => {
  const two: ListenerConfig['channels'] = [
    { id: '100001', login: 'demo', role: 'viewer' },
    { id: '100002', login: 'two', role: 'broadcaster' },
  ];
  const socketSubscriptions = () =>
    (
      listener as unknown as {
        eventSub: {
          _getSubscriptionsForUser(id: string): {
            entry: { id: string };
            condition: Record<string, string>;
          }[];
        };
      }
    ).eventSub._getSubscriptionsForUser('100003');

  it('subscribes once for the user, whatever the favorites, with `user_id` alone, at cost 0', () => {
    const [status] = startWith({
      scopes: scopesFor({ moderator: false, broadcaster: false, whispers: true }),
      userId: '100003',
      channels: two,
    });
    const whispers = socketSubscriptions().filter((s) => s.entry.id === 'user.whisper.message');
    expect(whispers.map((s) => s.condition)).toEqual([{ user_id: '100003' }]);
    const listed = status!.subscriptions.filter((s) => s.id === 'user.whisper.message');
    expect(listed).toEqual([
      { id: 'user.whisper.message', channelId: '100003', status: 'pending' },
    ]);
    // It costs nothing: the ten cost-1 subscriptions of the viewer's favorite still fit.
    expect(status!.budget?.cost).toBeLessThanOrEqual(10);
  });

  it('is refused, once, for want of the scope when "Whispers" was not granted', () => {
    const [status] = startWith({
      scopes: scopesFor({ moderator: false, broadcaster: false }),
      userId: '100003',
      channels: two,
    });
    expect(socketSubscriptions().some((s) => s.entry.id === 'user.whisper.message')).toBe(false);
    expect(status!.subscriptions.filter((s) => s.id === 'user.whisper.message')).toEqual([
      {
        id: 'user.whisper.message',
        channelId: '100003',
        status: 'refused',
        reason: { code: 'needsScope' },
      },
    ]);
  });
});

describe('refusalReason', () => {
  const follow = eventCatalog.find((e) => e.id === 'channel.follow')!;
  const cheer = catalogEntryFor('channel.cheer')!;
  const online = catalogEntryFor('stream.online')!;
  const status = (statusCode: number) => Object.assign(new Error('x'), { statusCode });
  const refusal = (...args: Parameters<typeof refusalReason>) =>
    subscriptionReasonWords(refusalReason(...args));

  it('reports facts: the role needed, or Twitch’s HTTP status', () => {
    expect(refusalReason(follow, status(403))).toEqual({ code: 'needsModerator' });
    expect(refusalReason(online, status(403))).toEqual({ code: 'http', status: 403 });
    expect(refusalReason(online, status(404))).toEqual({ code: 'http', status: 404, message: 'x' });
    expect(refusalReason(online, new HelixError(202, ''))).toEqual({ code: 'failed' });
  });

  it('says what a refusal means for this user', () => {
    expect(refusal(follow, status(403))).toBe('needs moderator access');
    expect(refusal(cheer, status(403))).toBe('only the broadcaster can see these');
    expect(refusal(online, status(403))).toBe('Twitch refused access');
    expect(refusal(online, status(401))).toBe('the Twitch session ended');
    expect(refusal(online, status(409))).toBe('already subscribed elsewhere');
    expect(refusal(online, status(429))).toBe('Twitch’s subscription limit was reached');
    expect(refusal(online, status(400))).toBe('Twitch rejected the request');
    expect(refusal(online, status(503))).toBe('Twitch had a server error');
    expect(refusal(online, new Error('missing scope moderator:read:followers'))).toBe(
      'needs more access (sign in again to grant it)',
    );
    expect(refusal(online, new Error('socket closed\nstack'))).toBe('socket closed');
    expect(refusal(online, 'weird')).toBe('failed');
    expect(refusal(online, Object.assign(new Error(''), { statusCode: 404 }))).toBe(
      'Twitch answered 404',
    );
  });
});

describe('Listener with several favorites', () => {
  const three: ListenerConfig['channels'] = [
    { id: '100001', login: 'demo', role: 'viewer' },
    { id: '100002', login: 'two', role: 'viewer' },
    { id: '100004', login: 'four', role: 'viewer' },
  ];
  const startMany = (channels = three) =>
    startWith({
      scopes: scopesFor({ moderator: false, broadcaster: false }),
      userId: '100003',
      channels,
    });
  type Internals = {
    eventSub: {
      _getSubscriptionsForUser(id: string): {
        entry: { id: string; type: string };
        condition: Record<string, string>;
      }[];
      emit(event: unknown, ...args: unknown[]): void;
      onSubscriptionCreateFailure: unknown;
    };
    book: { created(id: string, cost: 0 | 1): void; applyTotals(totals: object): boolean };
    replan(): void;
  };
  const internals = () => listener as unknown as Internals;
  const paidSubscribed = () =>
    internals()
      .eventSub._getSubscriptionsForUser('100003')
      .filter((s) => !s.condition.user_id)
      .map((s) => `${Object.values(s.condition)[0]}/${s.entry.id}`);

  it('subscribes every favorite on the one socket, cost-1 types within the budget of 10', () => {
    const [status] = startMany();
    expect(paidSubscribed()).toHaveLength(10);
    expect(paidSubscribed().slice(0, 3)).toEqual([
      '100001/stream.online',
      '100002/stream.online',
      '100004/stream.online',
    ]);
    const chat = internals()
      .eventSub._getSubscriptionsForUser('100003')
      .filter((s) => s.entry.id === 'channel.chat.message');
    expect(chat.map((s) => s.condition.broadcaster_user_id)).toEqual([
      '100001',
      '100002',
      '100004',
    ]);
    const polled = status!.subscriptions.filter((s) => s.status === 'polled');
    expect(polled).toHaveLength(14);
    expect(
      polled.find((s) => s.channelId === '100004' && s.id === 'channel.raid.from'),
    ).toMatchObject({ reason: { code: 'polled' } });
    expect(status!.channelIds).toEqual(['100001', '100002', '100004']);
  });

  it('re-plans on a 429 for the budget: the lowest priority gives way, nothing is retried', async () => {
    const statuses = startMany();
    const { eventSub } = internals();
    const subs = eventSub._getSubscriptionsForUser('100003');
    const raidFrom = subs.find((s) => s.entry.id === 'channel.raid.from')!;
    eventSub.emit(
      eventSub.onSubscriptionCreateFailure,
      raidFrom,
      new HelixError(429, 'number of websocket transports limit exceeded'),
    );
    // Nothing of ours is active yet: Twitch says the budget is spent elsewhere, so every
    // cost-1 type falls to the poll and the cost-0 ones stay.
    expect(paidSubscribed()).toEqual([]);
    const last = statuses.at(-1)!;
    expect(last.subscriptions.filter((s) => s.status === 'polled')).toHaveLength(24);
    expect(last.budget).toMatchObject({ max: 10, elsewhere: 10, cost: 0 });
    expect(
      internals()
        .eventSub._getSubscriptionsForUser('100003')
        .some((s) => s.entry.id === 'channel.chat.notification'),
    ).toBe(true);
  });

  it('shrinks the plan when Twitch reports subscriptions of this user elsewhere', () => {
    const statuses = startMany();
    // The first online subscription answered: 8 spent in all, 1 of them ours.
    const { book } = internals();
    book.created('twitch-1', 1);
    expect(book.applyTotals({ total: 9, totalCost: 8, maxTotalCost: 10 })).toBe(true);
    internals().replan();
    expect(paidSubscribed()).toEqual([
      '100001/stream.online',
      '100002/stream.online',
      '100004/stream.online',
    ]);
    expect(statuses.at(-1)!.budget).toMatchObject({ elsewhere: 7, cost: 3 });
  });

  it('a moderator of the first favorite pays nothing for it', () => {
    const [status] = startMany([{ ...three[0]!, role: 'moderator' }, three[1]!]);
    // 8 for the second favorite (a viewer there), nothing for the first.
    expect(status!.budget).toMatchObject({ cost: 8 });
    expect(status!.subscriptions.filter((s) => s.status === 'polled')).toEqual([]);
    expect(paidSubscribed()).toContain('100001/stream.online');
  });
});
