/**
 * The wider population of the demo world: 144 generated broadcasters (ids 300001–300144) with
 * deterministic names, channels and live state, which the demo viewer follows. The same seed
 * gives the same world every run, so tests can rely on it.
 */
import { seededRandom } from './random.js';
import { isoSeconds } from './ids.js';
import type { Account, ChannelState, Game } from './world.js';

const GENERATED_FIRST_ID = 300_001;
const ADJECTIVES = [
  'amber',
  'brisk',
  'cosmic',
  'dapper',
  'ember',
  'fuzzy',
  'gilded',
  'hazy',
  'icy',
  'jolly',
  'lunar',
  'misty',
];
const NOUNS = [
  'badger',
  'comet',
  'dingo',
  'falcon',
  'gecko',
  'heron',
  'koala',
  'lynx',
  'otter',
  'panda',
  'raven',
  'walrus',
];
const COLORS = ['#FF4500', '#DAA520', '#2E8B57', '#1E90FF', '#8A2BE2', '#C71585', '#5F9EA0'];
const TITLES = [
  'Chill vibes and good company',
  'Ranked grind until we win one',
  'First playthrough, no spoilers please',
  'Late night build session',
  'Community game night!',
  'Learning something new today',
  'Cozy morning stream with tea',
  'Challenge run: no deaths allowed',
];
/** Every adjective with every noun: the generated broadcasters' names, in order. */
const NAMES = ADJECTIVES.flatMap((adjective) => NOUNS.map((noun) => [adjective, noun] as const));
/** Channels live when the world starts. */
export const GENERATED_LIVE = 18;

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function generatePopulation(games: readonly Game[]): {
  accounts: Account[];
  channels: ChannelState[];
} {
  const random = seededRandom(20_240_611);
  const pickFrom = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const accounts: Account[] = [];
  const channels: ChannelState[] = [];
  // Which channels start live: every eighth, shifted by the seed.
  const offset = Math.floor(random() * 8);
  for (const [i, [adjective, noun]] of NAMES.entries()) {
    const id = String(GENERATED_FIRST_ID + i);
    const live = (i + offset) % 8 === 0 && channels.filter((c) => c.live).length < GENERATED_LIVE;
    const viewers = live ? Math.round(5 + random() ** 3 * 4000) : 0;
    const startedAgoMs = Math.round((0.2 + random() * 5) * 3_600_000);
    accounts.push({
      id,
      login: `${adjective}${noun}`,
      displayName: `${capitalise(adjective)}${capitalise(noun)}`,
      color: pickFrom(COLORS),
      broadcasterType: random() < 0.2 ? 'partner' : 'affiliate',
      description: `${capitalise(adjective)} streams about ${noun}s and friends.`,
      createdAt: '2021-02-03T10:00:00Z',
      canSignIn: false,
    });
    channels.push({
      broadcasterId: id,
      live,
      streamId: String(40_000_000_000 + Number(id)),
      startedAt: live ? isoSeconds(Date.now() - startedAgoMs) : '',
      title: pickFrom(TITLES),
      game: pickFrom(games),
      language: 'en',
      tags: ['English'],
      viewerCount: viewers,
      delay: 0,
      isMature: false,
      moderators: [],
    });
  }
  return { accounts, channels };
}

/**
 * When the user followed each broadcaster: the list's order, a day and a half apart, most
 * recent first (the order Get Followed Channels answers in).
 */
export function followDates(count: number): string[] {
  const newest = Date.UTC(2026, 0, 15, 18, 30);
  return Array.from({ length: count }, (_, i) => isoSeconds(newest - i * 36 * 3_600_000));
}

/**
 * More generated broadcasters, numbered on from the `existing` ones (for scale runs: thousands of
 * follows). Their names repeat the first 144 with a number; they start offline. Deterministic.
 */
export function morePopulation(
  existing: number,
  count: number,
  games: readonly Game[],
): { accounts: Account[]; channels: ChannelState[] } {
  const random = seededRandom(20_240_611 + existing);
  const accounts: Account[] = [];
  const channels: ChannelState[] = [];
  for (let i = existing; i < existing + count; i += 1) {
    const id = String(GENERATED_FIRST_ID + i);
    const [adjective, noun] = NAMES[i % NAMES.length]!;
    const n = Math.floor(i / NAMES.length) + 1;
    accounts.push({
      id,
      login: `${adjective}${noun}${n}`,
      displayName: `${capitalise(adjective)}${capitalise(noun)}${n}`,
      color: COLORS[i % COLORS.length]!,
      broadcasterType: 'affiliate',
      description: `${capitalise(adjective)} streams about ${noun}s and friends.`,
      createdAt: '2021-02-03T10:00:00Z',
      canSignIn: false,
    });
    channels.push({
      broadcasterId: id,
      live: false,
      streamId: String(40_000_000_000 + Number(id)),
      startedAt: '',
      title: TITLES[Math.floor(random() * TITLES.length)]!,
      game: games[Math.floor(random() * games.length)]!,
      language: 'en',
      tags: ['English'],
      viewerCount: 0,
      delay: 0,
      isMature: false,
      moderators: [],
    });
  }
  return { accounts, channels };
}
