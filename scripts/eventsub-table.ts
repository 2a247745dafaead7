/**
 * Writes docs/eventsub-types.md: every EventSub type of the catalog (`lib/twitch/catalog.ts`) with
 * its version, condition keys, scope, who may subscribe and what it costs, and where each fact was
 * checked. The twurple column is worked out here, from the request @twurple/api sends for the
 * type; the other sources are recorded below as they were read. Run after changing the catalog:
 * `npx tsx scripts/eventsub-table.ts` (a unit test fails while the file is out of date).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { subscriptionCost } from '../lib/listener/budget';
import { eventCatalog, type CatalogEntry } from '../lib/twitch/catalog';

export const TABLE_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '../docs/eventsub-types.md',
);

/** The day the catalog was last checked against Twitch's reference. */
const CHECKED_ON = '2026-12-05';

/**
 * Types whose row (name and version) was read in Twitch's reference, "EventSub subscription types"
 * (dev.twitch.tv/docs/eventsub/eventsub-subscription-types), on the day above.
 */
const IN_REFERENCE = new Set([
  'automod.message.hold@2',
  'automod.message.update@2',
  'automod.settings.update@1',
  'automod.terms.update@1',
  'channel.update@2',
  'channel.follow@2',
  'channel.ad_break.begin@1',
  'channel.chat.clear@1',
  'channel.chat.clear_user_messages@1',
  'channel.chat.message@1',
  'channel.chat.message_delete@1',
  'channel.chat.notification@1',
  'channel.chat_settings.update@1',
  'channel.chat.user_message_hold@1',
  'channel.chat.user_message_update@1',
  'user.whisper.message@1',
]);

/**
 * Catalog entries whose type Twitch's CLI (twitchdev/twitch-cli at fd7dac6,
 * `internal/events/types/`) generates over WebSocket, with the version it sends and the same
 * condition keys (its raid names only the raided channel). The CLI sends channel.hype_train
 * version 1 only; Twitch's reference and twurple have version 2, which the catalog uses.
 */
const IN_CLI = new Map<string, string>([
  ['stream.online', '1'],
  ['stream.offline', '1'],
  ['channel.update', '2'],
  ['channel.raid.to', '1'],
  ['channel.follow', '2'],
  ['channel.shoutout.create', '1'],
  ['channel.shoutout.receive', '1'],
  ['channel.shield_mode.begin', '1'],
  ['channel.shield_mode.end', '1'],
  ['channel.unban_request.create', '1'],
  ['channel.unban_request.resolve', '1'],
  ['channel.subscribe', '1'],
  ['channel.subscription.gift', '1'],
  ['channel.subscription.message', '1'],
  ['channel.subscription.end', '1'],
  ['channel.cheer', '1'],
  ['channel.moderator.add', '1'],
  ['channel.moderator.remove', '1'],
  ['channel.channel_points_custom_reward.add', '1'],
  ['channel.channel_points_custom_reward.update', '1'],
  ['channel.channel_points_custom_reward.remove', '1'],
  ['channel.channel_points_custom_reward_redemption.add', '1'],
  ['channel.channel_points_custom_reward_redemption.update', '1'],
  ['channel.poll.begin', '1'],
  ['channel.poll.progress', '1'],
  ['channel.poll.end', '1'],
  ['channel.prediction.begin', '1'],
  ['channel.prediction.progress', '1'],
  ['channel.prediction.lock', '1'],
  ['channel.prediction.end', '1'],
  ['channel.hype_train.begin', '1'],
  ['channel.hype_train.progress', '1'],
  ['channel.hype_train.end', '1'],
  ['channel.goal.begin', '1'],
  ['channel.goal.progress', '1'],
  ['channel.goal.end', '1'],
  ['channel.ad_break.begin', '1'],
  ['channel.charity_campaign.donate', '1'],
  ['channel.charity_campaign.start', '1'],
  ['channel.charity_campaign.progress', '1'],
  ['channel.charity_campaign.stop', '1'],
]);

/** What changed in the catalog when it was checked, and why. */
const CHANGES: readonly string[] = [
  '`channel.ad_break.begin`: the condition key is `broadcaster_user_id` (it was `broadcaster_id`, ' +
    'which Twitch would refuse). Twitch’s docs said `broadcaster_id` for a while, a documentation ' +
    'error Twitch has since corrected; the Twitch CLI and twurple send `broadcaster_user_id`. The ' +
    'simulator took the wrong key too; it now refuses it with 400, as Twitch does.',
  '`channel.chat.user_message_hold` and `channel.chat.user_message_update` (1) added: the ' +
    'signed-in user’s own message held by AutoMod, and what became of it; `user_id` is the user, ' +
    'so they cost 0 for every favorite (reference, twurple).',
  '`automod.settings.update` (1, `moderator:read:automod_settings`) and `automod.terms.update` ' +
    '(1, `moderator:manage:automod`) added for moderators (reference, twurple).',
  '`channel.bits.use` (1, `bits:read`) added for the broadcaster: every use of bits, cheers, ' +
    'Power-ups and Combos (twurple). A cheer arrives both as `channel.cheer` and as this type.',
  '`channel.vip.add` / `channel.vip.remove` (1, `channel:read:vips`), `channel.moderator.add` / ' +
    '`channel.moderator.remove` (1, `moderation:read`) and ' +
    '`channel.channel_points_custom_reward.add` / `update` / `remove` (1, ' +
    '`channel:read:redemptions`) added for the broadcaster (CLI, twurple). The reward and ' +
    'redemption types also take an optional `reward_id`; the catalog subscribes to every reward.',
  '`user.whisper.message` (1) added: whispers to the signed-in user. Its condition is `user_id` ' +
    'alone (no channel), so it is subscribed once per user, not per favorite; Twitch takes ' +
    '`user:read:whispers` or `user:manage:whispers` (reference, twurple); the catalog asks for the ' +
    'first, and the sign-in choice "Send whispers" asks for both. It names the user, so it costs 0. ' +
    'The Twitch CLI has no generator for it (its mock API has Send Whisper only).',
];

const TWURPLE_CONDITIONS: Record<string, string[]> = {
  createEventSubBroadcasterCondition: ['broadcaster_user_id'],
  createEventSubModeratorCondition: ['broadcaster_user_id', 'moderator_user_id'],
  createEventSubUserCondition: ['broadcaster_user_id', 'user_id'],
  createEventSubRewardCondition: ['broadcaster_user_id', 'reward_id'],
};

interface TwurpleRequest {
  /** Each way twurple subscribes to the type+version: its condition keys, sorted. */
  conditions: string[][];
  scopes: string[];
}

/** What @twurple/api sends for each type+version (`HelixEventSubApi.subscribeTo…`). */
export function twurpleRequests(): Map<string, TwurpleRequest> {
  const require = createRequire(import.meta.url);
  const libDir = dirname(require.resolve('@twurple/api'));
  const source = readFileSync(join(libDir, 'endpoints/eventSub/HelixEventSubApi.js'), 'utf8');
  const requests = new Map<string, TwurpleRequest>();
  const call =
    /createSubscription\('([^']+)', '([^']+)', (\w+)\(([^;]*?)\), transport(?:, [^;[]*?(\[[^\]]*\]))?/g;
  for (const [, type, version, maker, args, scopeList] of source.matchAll(call)) {
    const keys =
      maker === 'createSingleKeyQuery'
        ? [/'([^']+)'/.exec(args ?? '')?.[1] ?? '?']
        : (TWURPLE_CONDITIONS[maker ?? ''] ?? ['?']);
    const key = `${type}@${version}`;
    const request = requests.get(key) ?? { conditions: [], scopes: [] };
    request.conditions.push([...keys].sort());
    for (const [, scope] of (scopeList ?? '').matchAll(/'([^']+)'/g))
      if (scope && !request.scopes.includes(scope)) request.scopes.push(scope);
    requests.set(key, request);
  }
  return requests;
}

const ids = { broadcasterId: 'B', userId: 'U' };
const conditionKeys = (entry: CatalogEntry) => Object.keys(entry.condition(ids)).sort();

/** Whether twurple sends this entry's condition keys and accepts its scope. */
export function twurpleAgrees(entry: CatalogEntry, requests: Map<string, TwurpleRequest>): boolean {
  const request = requests.get(`${entry.type}@${entry.version}`);
  if (!request) return false;
  const keys = conditionKeys(entry).join(',');
  const sameCondition = request.conditions.some((c) => c.join(',') === keys);
  // twurple leaves channel.moderate's scope to Twitch (any moderator:read:* or manage scope).
  const scopeAccepted =
    request.scopes.length === 0 ||
    (entry.scope !== undefined && request.scopes.includes(entry.scope));
  return sameCondition && scopeAccepted;
}

const WHO: Record<CatalogEntry['role'], string> = {
  viewer: 'anyone',
  moderator: 'a moderator (or the broadcaster)',
  broadcaster: 'the broadcaster',
};

function costText(entry: CatalogEntry): string {
  if (subscriptionCost(entry, entry.role) === 0) return '0';
  return '1 (0 on a channel that authorized the client id)';
}

function conditionText(entry: CatalogEntry): string {
  const condition = entry.condition(ids);
  return Object.entries(condition)
    .map(([key, value]) => {
      const you = value === 'U' || (entry.role === 'broadcaster' && key === 'broadcaster_user_id');
      return `\`${key}\`${you ? ' = you' : ''}`;
    })
    .join(', ');
}

/** The whole of docs/eventsub-types.md, formatted as Prettier formats the project's files. */
export async function renderEventSubTable(requests = twurpleRequests()): Promise<string> {
  const options = await prettier.resolveConfig(TABLE_PATH);
  return prettier.format(eventSubMarkdown(requests), { ...options, filepath: TABLE_PATH });
}

function eventSubMarkdown(requests: Map<string, TwurpleRequest>): string {
  const rows = eventCatalog.map((entry) => {
    const key = `${entry.type}@${entry.version}`;
    const sources = [
      IN_REFERENCE.has(key) ? 'reference' : '',
      IN_CLI.get(entry.id) === entry.version
        ? 'CLI'
        : IN_CLI.has(entry.id)
          ? `CLI (version ${IN_CLI.get(entry.id)} only)`
          : '',
      twurpleAgrees(entry, requests) ? 'twurple' : 'twurple DISAGREES',
    ].filter(Boolean);
    const type = entry.id === entry.type ? `\`${entry.type}\`` : `\`${entry.type}\` (${entry.id})`;
    return `| ${type} | ${entry.version} | ${conditionText(entry)} | ${entry.scope ? `\`${entry.scope}\`` : '—'} | ${WHO[entry.role]} | ${costText(entry)} | ${sources.join(', ')} |`;
  });
  return [
    '# EventSub types',
    '',
    'Every EventSub type the extension subscribes to, one row per catalog entry. Generated from',
    '`lib/twitch/catalog.ts` by `npx tsx scripts/eventsub-table.ts`: do not edit it by hand; a unit',
    'test (`tests/unit/catalog.test.ts`) fails while it is out of date.',
    '',
    `Checked against Twitch's reference on ${CHECKED_ON}. Where the sources disagree, Twitch's`,
    'current reference wins, then the CLI and twurple. "Checked in" says where each row was',
    'confirmed:',
    '',
    "- **reference**: the type's row in Twitch's EventSub subscription types reference",
    '  (<https://dev.twitch.tv/docs/eventsub/eventsub-subscription-types>);',
    "- **CLI**: Twitch's own CLI, which generates the type with this version and condition",
    '  (twitchdev/twitch-cli at fd7dac6, `internal/events/types/`);',
    '- **twurple**: the request @twurple/api 8.1.4 sends (`HelixEventSubApi`): same version,',
    '  condition keys and an accepted scope. Worked out from the installed package when the table',
    '  is generated.',
    '',
    '"Who" is the least role that may subscribe; "= you" marks the key that must name the',
    'signed-in user. Cost is what the subscription counts against `max_total_cost` (10): 0 when',
    'the user named in the condition has authorized the client id.',
    '',
    '| Type | Version | Condition | Scope | Who | Cost | Checked in |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `## What changed on ${CHECKED_ON}`,
    '',
    ...CHANGES.map((change) => `- ${change}`),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_PATH, await renderEventSubTable());
  console.log(`wrote ${TABLE_PATH}`);
}
