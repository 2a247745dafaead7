import { describe, expect, it } from 'vitest';
import { planSubscriptions, subscriptionCost } from '../../lib/listener/budget';
import { catalogEntryFor, scopesFor } from '../../lib/twitch/catalog';

const viewerScopes = scopesFor({ moderator: false, broadcaster: false });
const channel = (id: string, role: 'viewer' | 'moderator' | 'broadcaster' = 'viewer') => ({
  id,
  login: `c${id}`,
  role,
});
const ids = (plan: { channelId: string; entry: { id: string } }[]) =>
  plan.map((p) => `${p.channelId}/${p.entry.id}`);
const paid = (plan: { cost: number; channelId: string; entry: { id: string } }[]) =>
  ids(plan.filter((p) => p.cost === 1));

describe('the cost budget', () => {
  it('costs 0 for chat types and for channels the user moderates or owns, 1 otherwise', () => {
    expect(subscriptionCost(catalogEntryFor('stream.online')!, 'viewer')).toBe(1);
    expect(subscriptionCost(catalogEntryFor('channel.chat.message')!, 'viewer')).toBe(0);
    expect(subscriptionCost(catalogEntryFor('stream.online')!, 'moderator')).toBe(0);
    expect(subscriptionCost(catalogEntryFor('channel.raid.from')!, 'broadcaster')).toBe(0);
  });

  it('plans whispers once for the user, at cost 0, whatever the favorites and the budget left', () => {
    const scopes = scopesFor({ moderator: false, broadcaster: false, whispers: true });
    const plan = planSubscriptions([channel('1'), channel('2')], scopes, 0, 'U');
    expect(ids(plan.realtime).filter((id) => id.endsWith('user.whisper.message'))).toEqual([
      'U/user.whisper.message',
    ]);
    expect(plan.cost).toBe(0);
    // Without the user's id, or the scope, it is not planned.
    const none = [
      planSubscriptions([channel('1')], scopes, 10),
      planSubscriptions([channel('1')], viewerScopes, 10, 'U'),
    ];
    for (const p of none)
      expect(ids(p.realtime).some((id) => id.endsWith('user.whisper.message'))).toBe(false);
  });

  it('fits one favorite watched as a viewer within 10, incoming raids last', () => {
    const plan = planSubscriptions([channel('1')], viewerScopes, 10);
    expect(plan.cost).toBe(8);
    expect(plan.polled).toEqual([]);
    expect(paid(plan.realtime)).toEqual([
      '1/stream.online',
      '1/stream.offline',
      '1/channel.update',
      '1/channel.raid.from',
      '1/channel.shared_chat.begin',
      '1/channel.shared_chat.update',
      '1/channel.shared_chat.end',
      '1/channel.raid.to',
    ]);
    expect(ids(plan.realtime)).toContain('1/channel.chat.notification');
  });

  it('keeps incoming raids in their catalog place without chat notices', () => {
    const plan = planSubscriptions([channel('1')], [], 4);
    expect(paid(plan.realtime)).toEqual([
      '1/stream.online',
      '1/stream.offline',
      '1/channel.update',
      '1/channel.raid.to',
    ]);
  });

  it('gives three favorites online first, then offline, then the rest, within 10', () => {
    const plan = planSubscriptions([channel('1'), channel('2'), channel('3')], viewerScopes, 10);
    expect(plan.cost).toBe(10);
    expect(paid(plan.realtime)).toEqual([
      '1/stream.online',
      '2/stream.online',
      '3/stream.online',
      '1/stream.offline',
      '2/stream.offline',
      '3/stream.offline',
      '1/channel.update',
      '2/channel.update',
      '3/channel.update',
      '1/channel.raid.from',
    ]);
    expect(plan.polled).toHaveLength(24 - 10);
    expect(ids(plan.polled)).toContain('3/channel.update'.replace('update', 'raid.to'));
    // Every chat type of every favorite, at no cost.
    for (const id of ['1', '2', '3'])
      expect(ids(plan.realtime)).toContain(`${id}/channel.chat.message`);
  });

  it('plans every type of a moderated or owned channel at no cost', () => {
    const plan = planSubscriptions(
      [channel('1', 'moderator'), channel('2', 'broadcaster'), channel('3')],
      scopesFor({ moderator: true, broadcaster: true }),
      10,
    );
    expect(plan.cost).toBe(8);
    expect(paid(plan.realtime).every((id) => id.startsWith('3/'))).toBe(true);
    expect(ids(plan.realtime)).toContain('1/channel.follow');
    expect(ids(plan.realtime)).toContain('2/channel.cheer');
    expect(ids(plan.realtime)).toContain('1/stream.online');
    expect(plan.polled).toEqual([]);
  });

  it('never plans past what other subscriptions of the user leave', () => {
    const plan = planSubscriptions([channel('1'), channel('2')], viewerScopes, 10 - 7);
    expect(plan.cost).toBe(3);
    expect(paid(plan.realtime)).toEqual(['1/stream.online', '2/stream.online', '1/stream.offline']);
    expect(planSubscriptions([channel('1')], viewerScopes, -2).cost).toBe(0);
  });
});
