import { useLiveQuery } from 'dexie-react-hooks';
import { database } from '../../lib/db/database';
import { unreadForYou, type ForYouItem } from '../../lib/db/for-you';
import { mentionPattern } from '../../lib/for-you/rules';
import { sendMessage } from '../../lib/messaging';
import type { AuthProfile } from '../../lib/settings';
import { t } from '../../lib/i18n';
import { count, relativeTime } from '../../lib/wording/format';
import { forYouKindName } from '../../lib/wording/for-you';
import { useNow } from '../hooks/use-now';

/** The text with the user's own `@name` marked. */
function MarkedText({ text, names }: { text: string; names: string[] }) {
  const pattern = mentionPattern(names);
  const found = pattern?.exec(text);
  if (!found) return <>{text}</>;
  const end = found.index + found[0].length;
  return (
    <>
      {text.slice(0, found.index)}
      <mark className="rounded bg-twitch/20 px-0.5 font-semibold text-inherit">{found[0]}</mark>
      {text.slice(end)}
    </>
  );
}

function open(item: ForYouItem) {
  if (item.kind !== 'whisper' && item.channelLogin)
    void sendMessage('openChatLine', { channel: item.channelLogin, line: item.messageId });
  else void sendMessage('markForYouRead', { ids: [item.id] });
}

/** "For you": the unread mentions, replies, highlights and whispers, newest first. */
export function ForYouList({ profile }: { profile: AuthProfile }) {
  const items = useLiveQuery(() => unreadForYou(database(), profile.userId), [profile.userId]);
  const now = useNow();
  if (!items?.length) return null;
  const names = [profile.login, profile.displayName];
  return (
    <section aria-labelledby="for-you-title" className="space-y-1" data-testid="for-you">
      <div className="flex items-center gap-2">
        <h2 id="for-you-title" className="text-base font-semibold">
          {t('forYou.title')}
        </h2>
        <span
          data-testid="for-you-count"
          className="rounded-full bg-twitch px-2 text-xs leading-5 font-bold text-white"
        >
          {t('forYou.unread', items.length, [count(items.length)])}
        </span>
        <button
          type="button"
          onClick={() => void sendMessage('markForYouRead', { all: true })}
          className="ml-auto text-sm text-twitch-dark underline hover:no-underline dark:text-violet-300"
        >
          {t('forYou.markAllRead')}
        </button>
      </div>
      <ol className="max-h-64 space-y-1 overflow-y-auto" aria-labelledby="for-you-title">
        {items.map((item) => (
          <li key={item.id} data-testid="for-you-item" data-kind={item.kind}>
            <button
              type="button"
              onClick={() => open(item)}
              title={item.kind === 'whisper' ? undefined : t('forYou.open')}
              className="w-full rounded-md p-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <span className="flex gap-1 text-xs text-zinc-600 dark:text-zinc-400">
                <strong className="text-zinc-900 dark:text-zinc-100">{item.senderName}</strong>
                <span>{forYouKindName(item.kind)}</span>
                {item.kind !== 'whisper' && (
                  <span>{t('forYou.inChannel', [item.channelName || item.channelLogin])}</span>
                )}
                <span className="ml-auto shrink-0">{relativeTime(item.occurredAt, now)}</span>
              </span>
              <span className="line-clamp-2 break-words">
                <MarkedText text={item.text} names={names} />
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
