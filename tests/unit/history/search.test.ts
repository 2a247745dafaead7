import { beforeEach, describe, expect, it } from 'vitest';
import { database } from '../../../lib/db/database';
import { queryWords, search, wholeWordMatches } from '../../../lib/search/search';
import {
  addChat,
  CHANNEL,
  makeChat,
  makeEvent,
  OTHER_CHANNEL,
  resetDatabase,
} from '../components/fixtures';

const chatSaying = (text: string, at: number, channelId = CHANNEL.id) =>
  makeChat({
    channelId,
    receivedAt: at,
    occurredAt: at,
    event: { chatter_user_name: 'Viewer', message: { text, fragments: [{ type: 'text', text }] } },
  });

beforeEach(resetDatabase);

describe('search semantics', () => {
  it('splits a query into lower-cased words, each once', () => {
    expect(queryWords("  Hype TRAIN hype, don't ")).toEqual(['hype', 'train', "don't"]);
    expect(queryWords(' ,. ')).toEqual([]);
  });

  it('matches whole words only, every query word, case-insensitively, marking each occurrence', () => {
    expect(wholeWordMatches('Raid incoming! RAID!', ['raid'])).toEqual([
      [0, 4],
      [15, 19],
    ]);
    expect(wholeWordMatches('raiding now', ['raid'])).toBeUndefined();
    expect(wholeWordMatches('a big raid', ['raid', 'small'])).toBeUndefined();
    expect(wholeWordMatches('große Überraschung', ['überraschung'])).toEqual([[6, 18]]);
  });

  it('finds chat lines and event words, newest first, with their matches', async () => {
    const db = database();
    await addChat([chatSaying('first pog line', 1_000), chatSaying('nothing here', 2_000)]);
    await addChat([chatSaying('POG again', 3_000, OTHER_CHANNEL.id)]);
    await db.events.add(
      makeEvent({
        type: 'channel.follow',
        receivedAt: 2_500,
        occurredAt: 2_500,
        event: { user_name: 'Pog', broadcaster_user_name: 'Demo' },
      }),
    );
    const hits = await search(db, 'pog');
    expect(hits.map((h) => [h.kind, h.occurredAt])).toEqual([
      ['chat', 3_000],
      ['event', 2_500],
      ['chat', 1_000],
    ]);
    expect(hits[0]).toMatchObject({
      channelId: OTHER_CHANNEL.id,
      text: 'POG again',
      matches: [[0, 3]],
    });
    expect(hits[2]!.matches).toEqual([[6, 9]]);
    // A chat hit's id is the chat message's id (what the streamer page's `line=` takes).
    expect(hits[2]!.id).toMatch(/^message-/);
  });

  it('narrows by channel, by time and by limit; an empty query finds nothing', async () => {
    const db = database();
    await addChat([chatSaying('gg', 1_000), chatSaying('gg', 2_000), chatSaying('gg', 3_000)]);
    await addChat([chatSaying('gg', 2_500, OTHER_CHANNEL.id)]);
    expect(await search(db, '')).toEqual([]);
    expect(
      (await search(db, 'gg', { channelIds: [OTHER_CHANNEL.id] })).map((h) => h.occurredAt),
    ).toEqual([2_500]);
    expect((await search(db, 'gg', { from: 2_000, to: 3_000 })).map((h) => h.occurredAt)).toEqual([
      2_500, 2_000,
    ]);
    expect((await search(db, 'gg', { limit: 2 })).map((h) => h.occurredAt)).toEqual([3_000, 2_500]);
  });

  it('does not find a deleted chat line', async () => {
    const db = database();
    const line = chatSaying('secret word', 1_000);
    await addChat([line, chatSaying('another word', 1_001)]);
    await db.events.add(
      makeEvent({
        type: 'channel.chat.message_delete',
        recent: 0,
        receivedAt: 1_500,
        event: { message_id: line.messageId },
      }),
    );
    expect((await search(db, 'word')).map((h) => h.text)).toEqual(['another word']);
  });

  it('rejects when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(search(database(), 'gg', { signal: controller.signal })).rejects.toThrow();
  });
});
