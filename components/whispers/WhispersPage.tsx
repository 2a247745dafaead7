import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { database } from '../../lib/db/database';
import { conversationsOf, whisperRows, type Conversation } from '../../lib/db/whispers';
import { t } from '../../lib/i18n';
import { authProfile } from '../../lib/settings';
import { SEND_WHISPERS_SCOPE, WHISPERS_SCOPE } from '../../lib/twitch/catalog';
import { dateTime } from '../../lib/wording/format';
import { useStorageItem } from '../hooks/use-storage-item';
import { Loading } from '../common/Loading';
import { WhisperReply } from './WhisperReply';

/** The whispers of the signed-in account, by conversation (the other person), newest first. */
export function WhispersPage() {
  const profile = useStorageItem(authProfile);
  const accountId = profile?.userId;
  const conversations = useLiveQuery(
    async () =>
      accountId ? conversationsOf(await whisperRows(database(), accountId), accountId) : [],
    [accountId],
  );
  const [chosen, setChosen] = useState<string>();
  const headingId = useId();
  // The conversation open stays open when a whisper from someone else arrives.
  const newest = conversations?.[0]?.with.id;
  if (chosen === undefined && newest !== undefined) setChosen(newest);

  let body;
  if (profile === undefined || conversations === undefined) body = <Loading />;
  else if (!profile) body = <p role="status">{t('whispers.signedOut')}</p>;
  else {
    const canRead = profile.scopes.includes(WHISPERS_SCOPE);
    const canSend = profile.scopes.includes(SEND_WHISPERS_SCOPE);
    const open = conversations.find((c) => c.with.id === chosen) ?? conversations[0];
    body = (
      <>
        {!canRead && (
          <p role="status" className="rounded-md bg-amber-100 p-2 text-sm text-amber-900">
            {t('whispers.notGranted')}
          </p>
        )}
        {conversations.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('whispers.empty')}</p>
        ) : (
          <div className="flex flex-col gap-4 md:flex-row">
            <nav aria-label={t('whispers.conversations')} className="md:w-64">
              <ul className="space-y-1" data-testid="conversations">
                {conversations.map((c) => (
                  <li key={c.with.id}>
                    <button
                      type="button"
                      aria-current={c === open ? 'true' : undefined}
                      onClick={() => setChosen(c.with.id)}
                      className={`w-full rounded-md px-2 py-1 text-left text-sm ${c === open ? 'bg-zinc-200 font-semibold dark:bg-zinc-800' : 'hover:bg-zinc-100 dark:hover:bg-zinc-900'}`}
                    >
                      {c.with.name}
                      <span className="block truncate text-xs font-normal text-zinc-600 dark:text-zinc-400">
                        {c.lines[0]?.text}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
            {open && <ConversationView conversation={open} canSend={canSend} />}
          </div>
        )}
      </>
    );
  }

  return (
    <main className="mx-auto max-w-4xl space-y-4 p-4" aria-labelledby={headingId}>
      <h1 id={headingId} className="text-xl font-bold">
        {t('whispers.title')}
      </h1>
      {body}
    </main>
  );
}

function ConversationView({
  conversation,
  canSend,
}: {
  conversation: Conversation;
  canSend: boolean;
}) {
  const name = conversation.with.name;
  return (
    <section
      aria-label={t('whispers.conversationWith', [name])}
      className="min-w-0 flex-1 space-y-3"
      data-testid="conversation"
    >
      <h2 className="text-base font-semibold">{t('whispers.conversationWith', [name])}</h2>
      {canSend ? (
        <WhisperReply to={conversation.with} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('whispers.cannotSend')}</p>
      )}
      <ol className="space-y-2">
        {conversation.lines.map((line) => (
          <li
            key={line.id}
            data-testid="whisper"
            data-mine={line.mine ? 'true' : 'false'}
            className={`rounded-md p-2 text-sm ${line.mine ? 'bg-purple-100 dark:bg-purple-950' : 'bg-zinc-100 dark:bg-zinc-900'}`}
          >
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              <strong>{line.mine ? t('whispers.you') : name}</strong> · {dateTime(line.at)}
            </p>
            <p className="break-words whitespace-pre-wrap">{line.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
