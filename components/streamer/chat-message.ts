/**
 * A `channel.chat.message` event turned into what the native chat view draws. Everything is read
 * through the safe field readers; nothing here is HTML. Image URLs are only built from emote
 * ids made of letters, digits and underscores.
 */
import { arr, isObject, num, obj, str, type Json } from '../../lib/twitch/fields';
import { t } from '../../lib/i18n';
import { count } from '../../lib/wording/format';

export type ChatPart =
  | { kind: 'text'; text: string }
  | { kind: 'emote'; text: string; id: string }
  | { kind: 'cheermote'; text: string; bits?: number }
  | { kind: 'mention'; text: string };

export interface ChatBadge {
  setId: string;
  label: string;
  short: string;
}

export interface ChatReply {
  parentUser: string;
  parentText: string;
}

export interface ChatLineView {
  chatter: string;
  /** A validated #RRGGBB, or undefined. */
  color?: string;
  badges: ChatBadge[];
  parts: ChatPart[];
  bits?: number;
  reply?: ChatReply;
  /** `text`, `channel_points_highlighted`, `power_ups_gigantified_emote`, … */
  messageType: string;
  highlighted: boolean;
}

const SAFE_ID = /^[A-Za-z0-9_]+$/;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

function safeEmoteId(id: string | undefined): string | undefined {
  return id !== undefined && SAFE_ID.test(id) ? id : undefined;
}

export function emoteUrl(id: string, theme: 'light' | 'dark'): string {
  return `https://static-cdn.jtvnw.net/emoticons/v2/${id}/default/${theme}/1.0`;
}

export function safeColor(color: string | undefined): string | undefined {
  return color !== undefined && HEX_COLOR.test(color) ? color : undefined;
}

const badge = (label: string, short: string) => ({ label, short });

/**
 * The badges Twitch names, each looked up in the messages only when a chat line carries it (this
 * runs for every new chat line).
 */
const knownBadges = new Map<string, () => { label: string; short: string }>([
  ['broadcaster', () => badge(t('badge.broadcaster'), t('badge.broadcasterShort'))],
  ['moderator', () => badge(t('badge.moderator'), t('badge.moderatorShort'))],
  ['lead_moderator', () => badge(t('badge.leadModerator'), t('badge.moderatorShort'))],
  ['vip', () => badge(t('badge.vip'), t('badge.vipShort'))],
  ['subscriber', () => badge(t('badge.subscriber'), t('badge.subscriberShort'))],
  ['founder', () => badge(t('badge.founder'), t('badge.founderShort'))],
  ['staff', () => badge(t('badge.staff'), t('badge.staffShort'))],
  ['admin', () => badge(t('badge.admin'), t('badge.adminShort'))],
  ['partner', () => badge(t('badge.partner'), '✓')],
  ['artist', () => badge(t('badge.artist'), t('badge.artistShort'))],
  ['premium', () => badge(t('badge.premium'), t('badge.premiumShort'))],
  ['turbo', () => badge(t('badge.turbo'), t('badge.turboShort'))],
  ['bits', () => badge(t('badge.bits'), t('badge.bitsShort'))],
  ['sub-gifter', () => badge(t('badge.subGifter'), t('badge.subGifterShort'))],
]);

function badgeFor(setId: string, id: string | undefined): ChatBadge {
  const known = knownBadges.get(setId)?.();
  if (known) {
    const label =
      setId === 'subscriber' && id && /^\d+$/.test(id) && id !== '0'
        ? t('badge.subscriberMonths', Number(id), [known.label, count(Number(id))])
        : known.label;
    return { setId, label, short: known.short };
  }
  const words = setId.replaceAll(/[-_]/g, ' ').trim();
  return {
    setId,
    label: words || t('badge.badge'),
    short: (words.split(' ')[0] ?? '').slice(0, 8).toUpperCase() || '•',
  };
}

function partsOf(message: Json | undefined): ChatPart[] {
  const fragments = arr(message, 'fragments');
  if (fragments.length === 0) {
    const text = str(message, 'text');
    return text ? [{ kind: 'text', text }] : [];
  }
  const parts: ChatPart[] = [];
  for (const fragment of fragments) {
    if (!isObject(fragment)) continue;
    const text = str(fragment, 'text') ?? '';
    const type = str(fragment, 'type');
    if (type === 'emote') {
      const id = safeEmoteId(str(obj(fragment, 'emote'), 'id'));
      parts.push(id ? { kind: 'emote', text, id } : { kind: 'text', text });
    } else if (type === 'cheermote') {
      parts.push({ kind: 'cheermote', text, bits: num(obj(fragment, 'cheermote'), 'bits') });
    } else if (type === 'mention') {
      parts.push({ kind: 'mention', text });
    } else if (text) {
      parts.push({ kind: 'text', text });
    }
  }
  return parts;
}

export function chatLineView(event: Json): ChatLineView {
  const reply = obj(event, 'reply');
  const bits = num(obj(event, 'cheer'), 'bits');
  const messageType = str(event, 'message_type') ?? 'text';
  return {
    chatter:
      str(event, 'chatter_user_name') ?? str(event, 'chatter_user_login') ?? t('chat.someone'),
    color: safeColor(str(event, 'color')),
    badges: arr(event, 'badges')
      .map((b) => {
        const setId = str(b, 'set_id');
        return setId ? badgeFor(setId, str(b, 'id')) : undefined;
      })
      .filter((b): b is ChatBadge => b !== undefined),
    parts: partsOf(obj(event, 'message')),
    bits: bits && bits > 0 ? bits : undefined,
    reply: reply
      ? {
          parentUser:
            str(reply, 'parent_user_name') ??
            str(reply, 'parent_user_login') ??
            t('chat.someoneRepliedTo'),
          parentText: str(reply, 'parent_message_body') ?? '',
        }
      : undefined,
    messageType,
    highlighted:
      messageType === 'channel_points_highlighted' ||
      Boolean(str(event, 'channel_points_custom_reward_id')),
  };
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function mix(hex: string, toward: number, amount: number): string {
  const out = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(c + (toward - c) * amount)
      .toString(16)
      .padStart(2, '0');
  });
  return `#${out.join('')}`;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The lightest (light theme) and darkest (dark theme) backgrounds a chat line sits on. */
const CHAT_BACKGROUND = { light: '#f4f4f5', dark: '#27272a' };
const MIN_CONTRAST = 4.5;

/**
 * A chatter's colour, moved toward black (light theme) or white (dark theme) just enough to
 * reach WCAG AA contrast with the chat's background.
 */
export function readableColor(color: string, dark: boolean): string {
  const background = dark ? CHAT_BACKGROUND.dark : CHAT_BACKGROUND.light;
  for (let amount = 0; amount <= 1; amount += 0.05) {
    const candidate = amount === 0 ? color : mix(color, dark ? 255 : 0, amount);
    if (contrast(candidate, background) >= MIN_CONTRAST) return candidate;
  }
  return dark ? '#ffffff' : '#000000';
}
