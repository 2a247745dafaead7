import { CHAT_SANDBOX, chatEmbedUrl, isEmbeddableLogin } from '../../lib/twitch/embeds';
import { usePrefersDark } from './use-prefers-dark';
import { t } from '../../lib/i18n';

/** Twitch's own chat, embedded (dark when the system is). */
export function ChatEmbed({ login, host }: { login: string; host: string }) {
  const dark = usePrefersDark();
  if (!isEmbeddableLogin(login)) return <p role="alert">{t('chat.cannotEmbed')}</p>;
  return (
    <iframe
      title={t('chat.twitchChat')}
      data-twitch-chat
      src={chatEmbedUrl(login, host, dark)}
      sandbox={CHAT_SANDBOX}
      className="h-full min-h-[420px] w-full rounded-lg border border-zinc-200 dark:border-zinc-800"
    />
  );
}
