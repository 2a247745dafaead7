/**
 * Which chat lines and whispers are "for you": run where chat is recorded (the listener's worker
 * in Chrome), on every line, so it does the least it can — the rules are compiled once per change.
 */
import type { StoredChatLine, StoredEvent } from '../db/database';
import type { ForYouItem, ForYouKind } from '../db/for-you';
import { arr, isObject, obj, str } from '../twitch/fields';
import { compileWords, matchWords, mentionPattern, userLogin, type CompiledWords } from './rules';

/** What the listener is told about the user's highlights (the lines as typed, not compiled). */
export interface ForYouRules {
  /** The signed-in user's login and display name: `@login` written by hand is a mention. */
  login: string;
  displayName?: string;
  /** Highlight words: words, phrases, `/regular expressions/`. */
  words: string[];
  /** Highlight users: logins. */
  users: string[];
}

export const WHISPER_TYPE = 'user.whisper.message';

interface Compiled {
  mention?: RegExp;
  words: CompiledWords;
  users: Set<string>;
}

export class ForYouMatcher {
  private key = '';
  private compiled: Compiled = { words: { regexes: [] }, users: new Set() };

  constructor(
    private readonly accountId: string,
    rules?: ForYouRules,
  ) {
    if (rules) this.update(rules);
  }

  /** New rules: compiled now (nothing is done when they did not change). */
  update(rules: ForYouRules): void {
    const key = JSON.stringify(rules);
    if (key === this.key) return;
    this.key = key;
    this.compiled = {
      mention: mentionPattern([rules.login, rules.displayName ?? '']),
      words: compileWords(rules.words),
      users: new Set(rules.users.flatMap((line) => userLogin(line) ?? [])),
    };
  }

  /** Why a chat line is for the user, or undefined. Their own lines never are. */
  kindOf(event: unknown): { kind: ForYouKind; matched?: string } | undefined {
    const me = this.accountId;
    const chatter = str(event, 'chatter_user_id');
    if (!me || chatter === me) return undefined;
    if (str(obj(event, 'reply'), 'parent_user_id') === me) return { kind: 'reply' };
    const message = obj(event, 'message');
    for (const fragment of arr(message, 'fragments')) {
      if (isObject(fragment) && str(obj(fragment, 'mention'), 'user_id') === me)
        return { kind: 'mention' };
    }
    const text = str(message, 'text') ?? '';
    const { mention, words, users } = this.compiled;
    if (mention?.test(text)) return { kind: 'mention' };
    const login = str(event, 'chatter_user_login')?.toLowerCase();
    if (login && users.has(login)) return { kind: 'user', matched: login };
    const word = matchWords(words, text);
    if (word !== undefined) return { kind: 'word', matched: word };
    return undefined;
  }

  /** The item a recorded chat line makes, or undefined when it is not for the user. */
  itemForLine(line: StoredChatLine): ForYouItem | undefined {
    const found = this.kindOf(line.event);
    if (!found) return undefined;
    const e = line.event;
    return {
      // Every channel's copy of a shared-chat line names the same source message.
      id: str(e, 'source_message_id') || line.id,
      kind: found.kind,
      ...(found.matched !== undefined ? { matched: found.matched } : {}),
      channelId: line.channelId,
      channelLogin: str(e, 'broadcaster_user_login') ?? '',
      channelName: str(e, 'broadcaster_user_name') ?? str(e, 'broadcaster_user_login') ?? '',
      accountId: this.accountId,
      messageId: line.messageId,
      occurredAt: line.occurredAt,
      receivedAt: line.receivedAt,
      senderId: line.chatterId,
      senderLogin: str(e, 'chatter_user_login') ?? '',
      senderName: str(e, 'chatter_user_name') ?? str(e, 'chatter_user_login') ?? '',
      text: str(obj(e, 'message'), 'text') ?? '',
      read: 0,
    };
  }

  /** The item a recorded whisper makes (one to the signed-in user), or undefined. */
  itemForWhisper(event: StoredEvent): ForYouItem | undefined {
    if (event.type !== WHISPER_TYPE) return undefined;
    const e = event.event;
    const to = str(e, 'to_user_id');
    if (to && to !== this.accountId) return undefined;
    const from = str(e, 'from_user_id') ?? '';
    if (from === this.accountId) return undefined;
    return {
      id: event.id,
      kind: 'whisper',
      channelId: this.accountId,
      channelLogin: '',
      channelName: '',
      accountId: this.accountId,
      messageId: str(e, 'whisper_id') ?? event.id,
      occurredAt: event.occurredAt,
      receivedAt: event.receivedAt,
      senderId: from,
      senderLogin: str(e, 'from_user_login') ?? '',
      senderName: str(e, 'from_user_name') ?? str(e, 'from_user_login') ?? '',
      text: str(obj(e, 'whisper'), 'text') ?? '',
      read: 0,
    };
  }
}
