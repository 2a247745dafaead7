/** The simulated population: accounts, channels and their live state, chat history. */

import { Archive } from './archive.js';
import { isoSeconds } from './ids.js';
import { pushCapped } from './objects.js';
import { followDates, generatePopulation, morePopulation } from './population.js';

export interface Account {
  id: string;
  login: string;
  displayName: string;
  broadcasterType: '' | 'affiliate' | 'partner';
  description: string;
  createdAt: string;
  color: string;
  /** Accounts that can sign in on the consent page. */
  canSignIn: boolean;
}

export interface Game {
  id: string;
  name: string;
}

export interface ChannelState {
  broadcasterId: string;
  live: boolean;
  streamId: string;
  startedAt: string;
  title: string;
  game: Game;
  language: string;
  tags: string[];
  viewerCount: number;
  delay: number;
  isMature: boolean;
  moderators: string[];
}

/** A user following a broadcaster (Get Followed Channels). */
export interface Follow {
  broadcasterId: string;
  followedAt: string;
}

export interface ChatLine {
  seq: number;
  messageId: string;
  channelId: string;
  userId: string;
  userLogin: string;
  userName: string;
  color: string;
  text: string;
  kind: 'chat' | 'notice';
  at: string;
}

export const GAMES: Record<string, Game> = {
  justChatting: { id: '509658', name: 'Just Chatting' },
  minecraft: { id: '27471', name: 'Minecraft' },
  celeste: { id: '504461', name: 'Celeste' },
  stardew: { id: '490744', name: 'Stardew Valley' },
  eldenRing: { id: '512953', name: 'Elden Ring' },
  gamedev: { id: '1469308723', name: 'Software and Game Development' },
  art: { id: '509660', name: 'Art' },
  hollowKnight: { id: '490147', name: 'Hollow Knight' },
};

export function findGame(nameOrId: string): Game {
  const lower = nameOrId.toLowerCase();
  const known = Object.values(GAMES).find(
    (g) => g.id === nameOrId || g.name.toLowerCase() === lower,
  );
  if (known) return known;
  // An unknown category still gets a stable numeric id.
  let hash = 0;
  for (const ch of nameOrId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { id: String(1_000_000 + (hash % 8_999_999)), name: nameOrId };
}

const acct = (
  id: string,
  login: string,
  displayName: string,
  color: string,
  broadcasterType: Account['broadcasterType'] = '',
  description = '',
  canSignIn = false,
): Account => ({
  id,
  login,
  displayName,
  color,
  broadcasterType,
  description,
  createdAt: '2019-04-12T18:22:05Z',
  canSignIn,
});

export const DEMO_CHANNEL = 'demo';

function initialAccounts(): Account[] {
  return [
    acct(
      '100001',
      'demo',
      'Demo',
      '#9146FF',
      'affiliate',
      'The demo channel: cozy game dev and chat every evening.',
      true,
    ),
    acct('100002', 'demo_mod', 'DemoMod', '#00AD03', '', 'Moderator of the demo channel.', true),
    acct('100003', 'demo_viewer', 'DemoViewer', '#1E90FF', '', 'Just here for the chat.', true),
    acct(
      '100010',
      'pixelpaladin',
      'PixelPaladin',
      '#FF4500',
      'partner',
      'Retro platformers and pixel art.',
    ),
    acct('100011', 'speedrunsam', 'SpeedrunSam', '#DAA520', 'partner', 'Going fast since 2014.'),
    acct(
      '100012',
      'cozycrafter',
      'CozyCrafter',
      '#2E8B57',
      'affiliate',
      'Building tiny worlds, one block at a time.',
    ),
    acct(
      '100013',
      'raidleader',
      'RaidLeader',
      '#B22222',
      'affiliate',
      'Raids every night, bring snacks.',
    ),
    acct(
      '100014',
      'nightowl_tv',
      'NightOwl_TV',
      '#5F9EA0',
      'affiliate',
      'Late night streams for night owls.',
    ),
    // Chatters (they appear in chat and events, but do not sign in).
    acct('200001', 'lurking_lucy', 'lurking_lucy', '#FF69B4'),
    acct('200002', 'pogchamp_pete', 'PogChamp_Pete', '#8A2BE2'),
    acct('200003', 'mellowmarta', 'MellowMarta', '#D2691E'),
    acct('200004', 'bytewizard', 'ByteWizard', '#00FF7F'),
    acct('200005', 'kettle_corn', 'kettle_corn', '#FF7F50'),
    acct('200006', 'quietquasar', 'QuietQuasar', '#1E90FF'),
    acct('200007', 'tacotuesday42', 'TacoTuesday42', '#DAA520'),
    acct('200008', 'frogfan_', 'frogfan_', '#2E8B57'),
    acct('200009', 'ghostlyglen', 'GhostlyGlen', '#5F9EA0'),
    acct('200010', 'sunnysideup', 'SunnySideUp', '#FF4500'),
    acct('200011', 'noodle_nomad', 'Noodle_Nomad', '#9ACD32'),
    acct('200012', 'captaincoffee', 'CaptainCoffee', '#B22222'),
    acct('200013', 'velvetvortex', 'VelvetVortex', '#C71585'),
    acct('200014', 'astro_ana', 'Astro_Ana', '#4169E1'),
    acct('200015', 'bitsbaron', 'BitsBaron', '#FFD700'),
    acct('200016', 'giftgoblin', 'GiftGoblin', '#32CD32'),
  ];
}

function initialChannels(): ChannelState[] {
  const hour = 60 * 60 * 1000;
  const ch = (
    broadcasterId: string,
    live: boolean,
    title: string,
    game: Game,
    viewerCount: number,
    startedAgoMs: number,
    tags: string[],
    moderators: string[] = [],
  ): ChannelState => ({
    broadcasterId,
    live,
    streamId: String(40_000_000_000 + Number(broadcasterId)),
    startedAt: live ? isoSeconds(Date.now() - startedAgoMs) : '',
    title,
    game,
    language: 'en',
    tags,
    viewerCount,
    delay: 0,
    isMature: false,
    moderators,
  });
  return [
    ch(
      '100001',
      true,
      'Building a browser extension live! !discord !schedule',
      GAMES.gamedev!,
      342,
      1.5 * hour,
      ['English', 'Programming', 'Chill'],
      ['100002'],
    ),
    ch('100002', false, 'Modding the mods', GAMES.justChatting!, 0, 0, ['English']),
    ch('100003', false, 'first stream??', GAMES.justChatting!, 0, 0, ['English']),
    ch('100010', true, 'Pixel art commissions + retro platformers', GAMES.art!, 1280, 3 * hour, [
      'English',
      'PixelArt',
    ]),
    ch('100011', true, 'Celeste any% WR attempts | !pb', GAMES.celeste!, 2210, 2 * hour, [
      'English',
      'Speedrun',
    ]),
    ch('100012', false, 'Cozy Minecraft build: the lighthouse', GAMES.minecraft!, 0, 0, [
      'English',
      'Cozy',
    ]),
    ch('100013', true, 'Elden Ring blind, raid at the end!', GAMES.eldenRing!, 860, 4 * hour, [
      'English',
      'Blind',
    ]),
    ch('100014', false, 'Stardew co-op till sunrise', GAMES.stardew!, 0, 0, ['English', 'Cozy']),
  ];
}

/** The demo viewer follows the demo channel, the named broadcasters and the whole population. */
const DEMO_VIEWER_ID = '100003';
const NAMED_BROADCASTERS = ['100001', '100010', '100011', '100012', '100013', '100014'];

export class World {
  private readonly population = generatePopulation(Object.values(GAMES));
  readonly accounts: Account[] = [...initialAccounts(), ...this.population.accounts];
  readonly channels = new Map<string, ChannelState>(
    [...initialChannels(), ...this.population.channels].map((c) => [c.broadcasterId, c]),
  );
  /** Who follows whom: user id → follows, most recent first. */
  private readonly follows = new Map<string, Follow[]>();
  readonly chat = new Map<string, ChatLine[]>();
  private chatSeq = 0;
  /**
   * Streams started here are numbered on from this one. The streams a channel has at the start
   * are `40,000,000,000 + its broadcaster id`; counting a channel's next stream on from its own
   * gave a neighbour's (broadcaster ids one apart), where Twitch never gives one id twice.
   */
  private lastStreamId = 50_000_000_000;
  /** Past broadcasts and clips (Get Videos, Get Clips, the video and clip embeds). */
  readonly archive = new Archive(this);

  constructor() {
    this.setFollows(DEMO_VIEWER_ID, this.followable());
  }

  /** Channels worth following, in the demo viewer's order: the named broadcasters, then the generated ones. */
  followable(): string[] {
    return [...NAMED_BROADCASTERS, ...this.population.accounts.map((a) => a.id)];
  }

  /** Broadcasters the user follows, most recently followed first. */
  followsOf(userId: string): Follow[] {
    return this.follows.get(userId) ?? [];
  }

  /** Replace whom the user follows (in this order, most recent first; unknown channels are skipped). */
  setFollows(userId: string, broadcasterIds: string[]): Follow[] {
    const ids = [...new Set(broadcasterIds)].filter((id) => id !== userId && this.channels.has(id));
    const dates = followDates(ids.length);
    const list = ids.map((broadcasterId, i) => ({ broadcasterId, followedAt: dates[i] ?? '' }));
    this.follows.set(userId, list);
    return list;
  }

  /** The generated broadcasters (the population the demo viewer follows). */
  generatedChannels(): ChannelState[] {
    return this.population.channels;
  }

  /** Grows the generated population to at least `count` broadcasters (new ones offline). */
  growPopulation(count: number): void {
    const have = this.population.accounts.length;
    if (count <= have) return;
    const more = morePopulation(have, count - have, Object.values(GAMES));
    this.population.accounts.push(...more.accounts);
    this.population.channels.push(...more.channels);
    this.accounts.push(...more.accounts);
    for (const channel of more.channels) this.channels.set(channel.broadcasterId, channel);
  }

  /** A new stream on the channel: a new stream id (`lastStreamId`), a start time and its archive. */
  startStream(channel: ChannelState, viewers = 25, startedAt = Date.now()): void {
    channel.live = true;
    this.lastStreamId += 1;
    channel.streamId = String(this.lastStreamId);
    channel.startedAt = isoSeconds(startedAt);
    channel.viewerCount = viewers;
    this.archive.streamStarted(channel);
  }

  endStream(channel: ChannelState): void {
    this.archive.streamEnded(channel);
    channel.live = false;
    channel.startedAt = '';
    channel.viewerCount = 0;
  }

  accountById(id: string): Account | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  accountByLogin(login: string): Account | undefined {
    const lower = login.toLowerCase();
    return this.accounts.find((a) => a.login === lower);
  }

  /** Resolve a login or numeric id; throws a readable error when unknown. */
  resolve(loginOrId: string): Account {
    const a = /^\d+$/.test(loginOrId)
      ? this.accountById(loginOrId)
      : this.accountByLogin(loginOrId);
    if (!a) throw new Error(`unknown account: ${loginOrId}`);
    return a;
  }

  channel(broadcasterId: string): ChannelState | undefined {
    return this.channels.get(broadcasterId);
  }

  channelFor(loginOrId: string): { account: Account; channel: ChannelState } {
    const account = this.resolve(loginOrId);
    const channel = this.channels.get(account.id);
    if (!channel) throw new Error(`${account.login} has no channel`);
    return { account, channel };
  }

  isModerator(userId: string, broadcasterId: string): boolean {
    return this.channels.get(broadcasterId)?.moderators.includes(userId) ?? false;
  }

  /** The first moderator of a channel, if any. */
  moderatedBy(broadcasterId: string): Account | undefined {
    const id = this.channels.get(broadcasterId)?.moderators[0];
    return id ? this.accountById(id) : undefined;
  }

  /** Channels the user moderates (not their own). */
  moderatedChannels(userId: string): Account[] {
    return [...this.channels.values()]
      .filter((c) => c.moderators.includes(userId))
      .map((c) => this.accountById(c.broadcasterId))
      .filter((a): a is Account => a !== undefined);
  }

  chatters(excludeIds: string[] = []): Account[] {
    return this.accounts.filter((a) => a.id.startsWith('2000') && !excludeIds.includes(a.id));
  }

  otherBroadcasters(excludeId: string): Account[] {
    return this.accounts.filter(
      (a) => a.id.startsWith('1000') && a.id !== excludeId && a.broadcasterType !== '',
    );
  }

  addChat(line: Omit<ChatLine, 'seq' | 'at'>): ChatLine {
    const full: ChatLine = { ...line, seq: ++this.chatSeq, at: new Date().toISOString() };
    let list = this.chat.get(line.channelId);
    if (!list) this.chat.set(line.channelId, (list = []));
    pushCapped(list, full, 200);
    return full;
  }

  chatSince(channelId: string, after: number): ChatLine[] {
    return (this.chat.get(channelId) ?? []).filter((l) => l.seq > after);
  }
}

export const profileImageUrl = (login: string): string =>
  `https://static-cdn.jtvnw.net/jtv_user_pictures/${login}-profile_image-300x300.png`;
export const offlineImageUrl = (login: string): string =>
  `https://static-cdn.jtvnw.net/jtv_user_pictures/${login}-channel_offline_image-1920x1080.png`;
export const streamThumbnailUrl = (login: string): string =>
  `https://static-cdn.jtvnw.net/previews-ttv/live_user_${login}-{width}x{height}.jpg`;
