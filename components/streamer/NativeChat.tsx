import { useCallback, useRef } from 'react';
import { database } from '../../lib/db/database';
import { useChatWindow } from './use-chat-window';
import { useFollowScroll } from './use-follow-scroll';
import { usePrefersDark } from './use-prefers-dark';
import { ChatComposer } from './ChatComposer';
import { ChatLine } from './ChatLine';
import { ChatLineContext } from './ChatLineContext';
import { useLineInAddress } from './use-line-in-address';
import { t } from '../../lib/i18n';
import { count } from '../../lib/wording/format';

const EMPTY: never[] = [];

/**
 * The chat as recorded: the newest lines of the channel (a bounded window, read incrementally
 * and rendered at most ~60 times a second), pinned to the bottom until the user scrolls up.
 */
export function NativeChat({
  channelId,
  login,
  canSend,
}: {
  channelId: string;
  login: string;
  canSend: boolean;
}) {
  const messages = useChatWindow(database(), channelId);
  const asked = useLineInAddress(channelId);
  const dark = usePrefersDark();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { shown, following, newCount, onScroll, jumpToLatest } = useFollowScroll(
    scrollRef,
    messages ?? EMPTY,
  );

  const jump = useCallback(() => {
    jumpToLatest();
    scrollRef.current?.focus();
  }, [jumpToLatest]);

  return (
    <section
      aria-labelledby="native-chat-title"
      className="flex h-full min-h-[420px] flex-col rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id="native-chat-title"
        className="border-b border-zinc-200 px-3 py-2 text-lg font-semibold dark:border-zinc-800"
      >
        {t('chat.title')}
      </h2>
      <div className="relative min-h-0 flex-1">
        <div
          ref={scrollRef}
          onScroll={onScroll}
          tabIndex={0}
          role="region"
          aria-label={t('chat.messages')}
          data-testid="chat-scroll"
          className="absolute inset-0 overflow-y-auto py-1"
        >
          {messages === undefined ? (
            <p aria-busy="true" className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">
              {t('chat.loading')}
            </p>
          ) : shown.length === 0 ? (
            <p className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">{t('chat.empty')}</p>
          ) : (
            <ol aria-label={t('chat.lines')}>
              {shown.map((message) => (
                <ChatLine key={message.id} message={message} dark={dark} />
              ))}
            </ol>
          )}
        </div>
        {asked.line && (
          <ChatLineContext
            channelId={channelId}
            messageId={asked.line}
            dark={dark}
            onBack={asked.clear}
          />
        )}
        {!following && !asked.line && (
          <button
            type="button"
            onClick={jump}
            className="absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full bg-twitch px-3 py-1 text-sm font-semibold text-white shadow-lg hover:bg-twitch-dark"
          >
            {newCount > 0 ? t('chat.newMessages', newCount, [count(newCount)]) : t('chat.paused')}
          </button>
        )}
      </div>
      {canSend ? (
        <ChatComposer login={login} channelId={channelId} />
      ) : (
        <p className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          {t('chat.needsPermission')}
        </p>
      )}
    </section>
  );
}
