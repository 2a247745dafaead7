import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { chatAroundLine, type LineInContext } from '../../lib/db/chat-line';
import { database } from '../../lib/db/database';
import { sendMessage } from '../../lib/messaging';
import { t } from '../../lib/i18n';
import { dateTime } from '../../lib/wording/format';
import { ChatLine } from './ChatLine';

/**
 * A recorded line the address asked for (`&line=`), with the chat around it, over the live chat:
 * scrolled into view and marked. Shown, it is read: its "for you" item is marked read.
 */
export function ChatLineContext({
  channelId,
  messageId,
  dark,
  onBack,
}: {
  channelId: string;
  messageId: string;
  dark: boolean;
  onBack: () => void;
}) {
  const [found, setFound] = useState<{ key: string; context?: LineInContext }>();
  const key = `${channelId}/${messageId}`;
  const markedRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let active = true;
    chatAroundLine(database(), channelId, messageId).then(
      (context) => active && setFound({ key, context }),
      () => active && setFound({ key }),
    );
    return () => {
      active = false;
    };
  }, [channelId, messageId, key]);

  const current = found?.key === key ? found : undefined;
  const context = current?.context;

  useLayoutEffect(() => {
    if (!context) return;
    markedRef.current?.querySelector('[data-marked]')?.scrollIntoView?.({ block: 'center' });
    void sendMessage('markForYouRead', { messageIds: [messageId] }).catch(() => undefined);
  }, [context, messageId]);

  return (
    <div
      data-testid="chat-line-context"
      className="absolute inset-0 z-10 flex flex-col bg-white dark:bg-zinc-900"
    >
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-800">
        <p className="flex-1" role="status">
          {current === undefined
            ? t('forYou.line.loading')
            : context
              ? t('forYou.line.shown', [dateTime(context.line.occurredAt)])
              : t('forYou.line.notFound')}
        </p>
        <button
          type="button"
          onClick={onBack}
          className="rounded-full bg-twitch px-3 py-1 text-sm font-semibold text-white hover:bg-twitch-dark"
        >
          {t('forYou.line.back')}
        </button>
      </div>
      {context && (
        <div ref={markedRef} className="min-h-0 flex-1 overflow-y-auto py-1" tabIndex={0}>
          <ol aria-label={t('chat.lines')}>
            {context.lines.map((line) => (
              <ChatLine
                key={line.id}
                message={line}
                dark={dark}
                marked={line.messageId === messageId}
              />
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
