import { memo } from 'react';
import type { ShownChatLine } from '../../lib/db/chat';
import { chatLineView, emoteUrl, readableColor, type ChatPart } from './chat-message';
import { t } from '../../lib/i18n';
import { count } from '../../lib/wording/format';
import { around, SLOT } from '../common/around';

function Part({ part, dark }: { part: ChatPart; dark: boolean }) {
  switch (part.kind) {
    case 'emote':
      return (
        <img
          src={emoteUrl(part.id, dark ? 'dark' : 'light')}
          alt={part.text}
          title={part.text}
          loading="lazy"
          className="mx-0.5 inline-block h-7 w-auto align-middle"
        />
      );
    case 'cheermote':
      return (
        <strong className="font-bold text-twitch-dark dark:text-violet-300">{part.text}</strong>
      );
    case 'mention':
      return <strong className="font-semibold">{part.text}</strong>;
    default:
      return <>{part.text}</>;
  }
}

/** One chat line: reply context, badges, the chatter in their colour, the message (or "message deleted"). */
export const ChatLine = memo(function ChatLine({
  message,
  dark,
  marked,
}: {
  message: ShownChatLine;
  dark: boolean;
  /** The line the address asked for (`&line=`): marked. */
  marked?: boolean;
}) {
  const view = chatLineView(message.event);
  const deleted = message.deleted === true;
  const replying = around(t('chat.replyingTo', [SLOT]));
  return (
    <li
      data-message-id={message.id}
      data-deleted={deleted || undefined}
      data-marked={marked || undefined}
      className={`px-3 py-1 ${marked ? 'bg-amber-100 ring-2 ring-amber-500 ring-inset dark:bg-amber-900/40' : ''} text-sm leading-6 break-words [contain-intrinsic-size:auto_2rem] [content-visibility:auto] ${view.highlighted && !deleted ? 'border-l-4 border-twitch bg-twitch/10' : ''} ${view.bits && !deleted ? 'bg-twitch/10' : ''}`}
    >
      {view.reply && (
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400" data-testid="reply-parent">
          <span aria-hidden="true">↪ </span>
          {replying[0]}
          <span className="font-semibold">@{view.reply.parentUser}</span>
          {replying[1]} {view.reply.parentText}
        </p>
      )}
      {view.badges.map((badge, index) => (
        <span
          key={`${badge.setId}-${index}`}
          title={badge.label}
          className="mr-1 inline-block rounded bg-zinc-200 px-1 align-middle text-[0.65rem] leading-4 font-bold text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100"
        >
          <span aria-hidden="true">{badge.short}</span>
          <span className="sr-only">{badge.label}</span>
        </span>
      ))}
      <span
        className="font-bold"
        style={view.color ? { color: readableColor(view.color, dark) } : undefined}
      >
        {view.chatter}
      </span>
      <span>: </span>
      {view.bits !== undefined && !deleted && (
        <span
          className="mr-1 rounded-full bg-twitch px-1.5 py-0.5 text-xs font-bold text-white"
          data-testid="cheer"
        >
          {t('chat.bits', view.bits, [count(view.bits)])}
        </span>
      )}
      {deleted ? (
        <em className="text-zinc-600 dark:text-zinc-400">{t('chat.deleted')}</em>
      ) : (
        view.parts.map((part, index) => <Part key={index} part={part} dark={dark} />)
      )}
    </li>
  );
});
