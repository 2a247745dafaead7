import { useLocalPreference } from './use-local-preference';
import { ChatEmbed } from './ChatEmbed';
import { NativeChat } from './NativeChat';
import { t } from '../../lib/i18n';

const LAYOUTS = ['both', 'native', 'twitch'] as const;
type Layout = (typeof LAYOUTS)[number];
const labels = (): Record<Layout, string> => ({
  both: t('chat.sideBySide'),
  native: t('chat.recorded'),
  twitch: t('chat.twitchChat'),
});

/**
 * The recorded chat and Twitch's chat embed: one of them or both, as the user last chose. Chat is
 * recorded for favorites only: for another channel, the recorded side says so.
 */
export function ChatPanel({
  login,
  host,
  channelId,
  canSend,
  recorded = true,
  displayName = login,
}: {
  login: string;
  host: string;
  channelId: string;
  canSend: boolean;
  /** Whether this channel's chat is recorded (it is a favorite). */
  recorded?: boolean;
  displayName?: string;
}) {
  const [layout, setLayout] = useLocalPreference<Layout>('companion.chatLayout', LAYOUTS, 'both');
  return (
    <div className={`flex flex-col gap-2 ${layout === 'both' ? 'xl:w-[720px]' : 'xl:w-[380px]'}`}>
      <div
        role="group"
        aria-label={t('chat.view')}
        className="inline-flex self-start rounded-md border border-zinc-300 bg-white p-0.5 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {LAYOUTS.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={layout === option}
            onClick={() => setLayout(option)}
            className={`rounded px-3 py-1 text-sm font-medium ${layout === option ? 'bg-twitch text-white' : 'text-zinc-800 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800'}`}
          >
            {labels()[option]}
          </button>
        ))}
      </div>
      <div
        className={`grid h-[calc(100vh-16.5rem)] min-h-[480px] gap-2 ${layout === 'both' ? 'md:grid-cols-2' : ''}`}
      >
        {layout !== 'twitch' &&
          (recorded ? (
            <NativeChat channelId={channelId} login={login} canSend={canSend} />
          ) : (
            <p
              data-testid="chat-not-recorded"
              className="rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
            >
              {t('streamer.recordedOnceFavorite', [displayName])}
            </p>
          ))}
        {layout !== 'native' && <ChatEmbed login={login} host={host} />}
      </div>
    </div>
  );
}
