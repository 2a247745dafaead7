import { CHAT_SANDBOX, chatEmbedUrl, isEmbeddableLogin } from '../../lib/twitch/embeds';
import { usePrefersDark } from './use-prefers-dark';

/** Twitch's own chat, embedded (dark when the system is). */
export function ChatEmbed({ login, host }: { login: string; host: string }) {
  const dark = usePrefersDark();
  if (!isEmbeddableLogin(login)) return <p role="alert">This channel’s chat cannot be embedded.</p>;
  return (
    <iframe
      title="Twitch chat"
      src={chatEmbedUrl(login, host, dark)}
      sandbox={CHAT_SANDBOX}
      className="h-full min-h-[420px] w-full rounded-lg border border-zinc-200 dark:border-zinc-800"
    />
  );
}
