/** The two records Twitch sends of one happening, with their payloads as Twitch sends them. */
import type { StoredEvent } from '../../lib/db/database';

export const CHANNEL = '100001';
export const NOW = 1_800_000_000_000;
export const broadcaster = {
  broadcaster_user_id: CHANNEL,
  broadcaster_user_login: 'demo',
  broadcaster_user_name: 'Demo',
};
export const ana = { id: '200001', login: 'astro_ana', name: 'Astro_Ana' };
/** The signed-in broadcaster, who received every row (role-only ones included). */
export const ACCOUNT = '100003';

let seq = 0;
export function row(type: string, event: Record<string, unknown>, receivedAt = NOW): StoredEvent {
  seq += 1;
  return {
    id: `m-${seq}`,
    channelId: CHANNEL,
    accountId: ACCOUNT,
    type,
    version: '1',
    noticeType: typeof event.notice_type === 'string' ? event.notice_type : '',
    occurredAt: receivedAt - 200,
    receivedAt,
    recent: type === 'channel.chat.message' ? 0 : 1,
    event,
  };
}

/** A `channel.chat.notification` as Twitch sends it: chatter, system message, its detail object. */
export const notice = (
  noticeType: string,
  detail: Record<string, unknown>,
  chatter: typeof ana | null = ana,
  at = NOW,
) =>
  row(
    'channel.chat.notification',
    {
      ...broadcaster,
      chatter_user_id: chatter?.id ?? null,
      chatter_user_login: chatter?.login ?? null,
      chatter_user_name: chatter?.name ?? null,
      chatter_is_anonymous: chatter === null,
      color: '#9146FF',
      badges: [],
      system_message: 'system message',
      message_id: `chat-${seq}`,
      message: { text: '', fragments: [] },
      notice_type: noticeType,
      [noticeType]: detail,
    },
    at,
  );

export const user = (u: typeof ana) => ({ user_id: u.id, user_login: u.login, user_name: u.name });

/** The two records of each happening: [told in chat, told on its own]. */
/** Ana's cheer of 500 bits as `channel.cheer` tells it. */
const cheer = (at: number) =>
  row(
    'channel.cheer',
    {
      is_anonymous: false,
      ...user(ana),
      ...broadcaster,
      message: 'Cheer500 great stream',
      bits: 500,
    },
    at,
  );

export const pairs = {
  resub: (at1 = NOW, at2 = NOW, months = 3) => [
    notice(
      'resub',
      {
        cumulative_months: months,
        duration_months: 1,
        streak_months: months,
        sub_tier: '1000',
        is_prime: false,
        is_gift: false,
      },
      ana,
      at1,
    ),
    row(
      'channel.subscription.message',
      {
        ...user(ana),
        ...broadcaster,
        tier: '1000',
        message: { text: 'three months already', emotes: [] },
        cumulative_months: months,
        streak_months: months,
        duration_months: 1,
      },
      at2,
    ),
  ],
  raid: (at1 = NOW, at2 = NOW) => [
    notice(
      'raid',
      {
        user_id: '300001',
        user_login: 'raidleader',
        user_name: 'RaidLeader',
        viewer_count: 42,
        profile_image_url: 'https://static-cdn.jtvnw.net/x.png',
      },
      { id: '300001', login: 'raidleader', name: 'RaidLeader' },
      at1,
    ),
    row(
      'channel.raid',
      {
        from_broadcaster_user_id: '300001',
        from_broadcaster_user_login: 'raidleader',
        from_broadcaster_user_name: 'RaidLeader',
        to_broadcaster_user_id: CHANNEL,
        to_broadcaster_user_login: 'demo',
        to_broadcaster_user_name: 'Demo',
        viewers: 42,
      },
      at2,
    ),
  ],
  cheer: (at1 = NOW, at2 = NOW) => [
    row(
      'channel.chat.message',
      {
        ...broadcaster,
        chatter_user_id: ana.id,
        chatter_user_login: ana.login,
        chatter_user_name: ana.name,
        message_id: 'chat-1',
        message: { text: 'Cheer500 great stream', fragments: [] },
        message_type: 'text',
        cheer: { bits: 500 },
      },
      at1,
    ),
    cheer(at2),
  ],
  bitsCheer: (at1 = NOW, at2 = NOW) => [
    row(
      'channel.bits.use',
      {
        ...broadcaster,
        ...user(ana),
        bits: 500,
        type: 'cheer',
        message: { text: 'Cheer500 great stream', fragments: [] },
        power_up: null,
      },
      at1,
    ),
    cheer(at2),
  ],
  gift: (at1 = NOW, at2 = NOW) => [
    notice(
      'community_sub_gift',
      { id: '4711', total: 5, sub_tier: '1000', cumulative_total: 20 },
      ana,
      at1,
    ),
    row(
      'channel.subscription.gift',
      {
        ...user(ana),
        ...broadcaster,
        total: 5,
        tier: '1000',
        cumulative_total: 20,
        is_anonymous: false,
      },
      at2,
    ),
  ],
  anonymousGift: (at1 = NOW, at2 = NOW) => [
    notice('community_sub_gift', { id: '4712', total: 10, sub_tier: '1000' }, null, at1),
    row(
      'channel.subscription.gift',
      {
        user_id: null,
        user_login: null,
        user_name: null,
        ...broadcaster,
        total: 10,
        tier: '1000',
        cumulative_total: null,
        is_anonymous: true,
      },
      at2,
    ),
  ],
};
