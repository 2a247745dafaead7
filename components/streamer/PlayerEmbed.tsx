import { PLAYER_SANDBOX, isEmbeddableLogin, playerUrl } from '../../lib/twitch/embeds';
import { t } from '../../lib/i18n';

/** Twitch's live player, muted and autoplaying, 16:9 and never smaller than 400×300. */
export function PlayerEmbed({ login, host }: { login: string; host: string }) {
  if (!isEmbeddableLogin(login)) {
    return <p role="alert">{t('streamer.cannotEmbed')}</p>;
  }
  return (
    <div className="aspect-video min-h-[300px] w-full min-w-[400px] overflow-hidden rounded-lg bg-black shadow">
      <iframe
        title={t('streamer.player')}
        src={playerUrl(login, host)}
        sandbox={PLAYER_SANDBOX}
        allow="autoplay; fullscreen"
        allowFullScreen
        className="h-full w-full border-0"
      />
    </div>
  );
}
