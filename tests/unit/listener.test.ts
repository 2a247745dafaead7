// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CompanionDatabase } from '../../lib/db/database';
import { Listener, refusalReason, type ListenerConfig } from '../../lib/listener/listener';
import type { ListenerStatus } from '../../lib/settings';
import { catalogEntryFor, entriesForRole, eventCatalog, scopesFor } from '../../lib/twitch/catalog';

let listener: Listener | undefined;
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
});

/** A listener whose socket never connects (a closed local port): its decisions are all we read. */
function start(role: ListenerConfig['channel']['role'], scopes: string[]) {
  const statuses: ListenerStatus[] = [];
  listener = new Listener(
    {
      clientId: 'client',
      accessToken: 'token',
      scopes,
      userId: role === 'broadcaster' ? '100001' : '100003',
      channel: { id: '100001', login: 'demo', role },
    },
    { status: (s) => statuses.push(s), recorded: () => undefined, sessionEnded: () => undefined },
    new CompanionDatabase(`test-${Math.random()}`),
    { url: 'ws://127.0.0.1:9/ws' },
  );
  listener.start();
  return statuses;
}

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
    expect(follow).toMatchObject({ status: 'refused', reason: 'needs moderator access' });
    const cheer = status!.subscriptions.find((s) => s.id === 'channel.cheer');
    expect(cheer).toMatchObject({
      status: 'refused',
      reason: 'only the broadcaster can see these',
    });
  });

  it('keeps to the role in this channel, whatever scopes the token has', () => {
    // A broadcaster's token, listening to someone else's channel as a viewer.
    const [status] = start('viewer', scopesFor({ moderator: true, broadcaster: true }));
    const viewerIds = entriesForRole('viewer')
      .map((e) => e.id)
      .sort();
    expect(subscribed(listener!)).toEqual(viewerIds);
    expect(byStatus(status!, 'pending').sort()).toEqual(viewerIds);
  });

  it('asks for more access where a type the role allows needs a scope that was not granted', () => {
    const [status] = start('moderator', ['user:read:chat']);
    const follow = status!.subscriptions.find((s) => s.id === 'channel.follow');
    expect(follow).toMatchObject({
      status: 'refused',
      reason: 'needs more access (sign in again to grant it)',
    });
    expect(byStatus(status!, 'pending')).toContain('stream.online');
    expect(subscribed(listener!)).toEqual(byStatus(status!, 'pending').sort());
    expect(subscribed(listener!)).not.toContain('channel.follow');
  });

  it('subscribes the broadcaster with every scope to every type', () => {
    const [status] = start('broadcaster', scopesFor({ moderator: true, broadcaster: true }));
    expect(byStatus(status!, 'pending').sort()).toEqual(eventCatalog.map((e) => e.id).sort());
  });
});

describe('refusalReason', () => {
  const follow = eventCatalog.find((e) => e.id === 'channel.follow')!;
  const cheer = catalogEntryFor('channel.cheer')!;
  const online = catalogEntryFor('stream.online')!;
  const status = (statusCode: number) => Object.assign(new Error('x'), { statusCode });

  it('says what a refusal means for this user', () => {
    expect(refusalReason(follow, status(403))).toBe('needs moderator access');
    expect(refusalReason(cheer, status(403))).toBe('only the broadcaster can see these');
    expect(refusalReason(online, status(403))).toBe('Twitch refused access');
    expect(refusalReason(online, status(401))).toBe('the Twitch session ended');
    expect(refusalReason(online, status(409))).toBe('already subscribed elsewhere');
    expect(refusalReason(online, status(429))).toBe('Twitch’s subscription limit was reached');
    expect(refusalReason(online, status(400))).toBe('Twitch rejected the request');
    expect(refusalReason(online, status(503))).toBe('Twitch had a server error');
    expect(refusalReason(online, new Error('missing scope moderator:read:followers'))).toBe(
      'needs more access (sign in again to grant it)',
    );
    expect(refusalReason(online, new Error('socket closed\nstack'))).toBe('socket closed');
    expect(refusalReason(online, 'weird')).toBe('failed');
  });
});
