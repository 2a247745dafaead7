import { useLocalPreference } from './use-local-preference';
import { ChatEmbed } from './ChatEmbed';
import { NativeChat } from './NativeChat';

const LAYOUTS = ['both', 'native', 'twitch'] as const;
type Layout = (typeof LAYOUTS)[number];
const LABELS: Record<Layout, string> = {
  both: 'Side by side',
  native: 'Recorded chat',
  twitch: 'Twitch chat',
};

/** The recorded chat and Twitch's chat embed: one of them or both, as the user last chose. */
export function ChatPanel({
  login,
  host,
  channelId,
  canSend,
}: {
  login: string;
  host: string;
  channelId: string;
  canSend: boolean;
}) {
  const [layout, setLayout] = useLocalPreference<Layout>('companion.chatLayout', LAYOUTS, 'both');
  return (
    <div className={`flex flex-col gap-2 ${layout === 'both' ? 'xl:w-[720px]' : 'xl:w-[380px]'}`}>
      <div
        role="group"
        aria-label="Chat view"
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
            {LABELS[option]}
          </button>
        ))}
      </div>
      <div
        className={`grid h-[calc(100vh-16.5rem)] min-h-[480px] gap-2 ${layout === 'both' ? 'md:grid-cols-2' : ''}`}
      >
        {layout !== 'twitch' && (
          <NativeChat channelId={channelId} login={login} canSend={canSend} />
        )}
        {layout !== 'native' && <ChatEmbed login={login} host={host} />}
      </div>
    </div>
  );
}
