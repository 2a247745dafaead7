import { sendMessage } from '../../lib/messaging';
import { mutedChannels, type FavoriteChannel } from '../../lib/settings';
import { ErrorAlert } from '../common/ErrorAlert';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useStorageItem } from '../hooks/use-storage-item';
import { t } from '../../lib/i18n';

/**
 * The favorites to switch between (a select named "Channel"), and the button that adds the shown
 * channel to the favorites or removes it.
 */
export function ChannelSwitcher({
  favorites,
  channel,
  onSelect,
}: {
  favorites: FavoriteChannel[];
  /** The channel shown; without one, the select asks for a choice and no toggle is offered. */
  channel?: FavoriteChannel;
  onSelect(login: string): void;
}) {
  const { run, busy, error } = useBackgroundAction(t('common.noAnswer'));
  const isFavorite = channel !== undefined && favorites.some((f) => f.id === channel.id);
  const muted = useStorageItem(mutedChannels);
  const notifies = channel !== undefined && !muted?.includes(channel.id);
  const toggleMute = async () => {
    if (!channel) return;
    const current = await mutedChannels.getValue();
    await mutedChannels.setValue(
      current.includes(channel.id)
        ? current.filter((id) => id !== channel.id)
        : [...current, channel.id],
    );
  };
  const listed = !channel || isFavorite ? favorites : [...favorites, channel];

  const toggle = () => {
    if (!channel) return;
    void run(() =>
      sendMessage('toggleFavorite', {
        id: channel.id,
        login: channel.login,
        displayName: channel.displayName,
        ...(channel.profileImageUrl ? { profileImageUrl: channel.profileImageUrl } : {}),
      }),
    );
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-2 text-sm">
        <span className="font-semibold">{t('streamer.channel')}</span>
        <select
          value={channel?.login ?? ''}
          onChange={(event) => onSelect(event.target.value)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-800"
        >
          {!channel && (
            <option value="" disabled>
              {t('streamer.chooseFavorite')}
            </option>
          )}
          {listed.map((f) => (
            <option key={f.id} value={f.login}>
              {f.displayName}
            </option>
          ))}
        </select>
      </label>
      {channel && (
        <button
          type="button"
          aria-pressed={isFavorite}
          aria-label={t('live.favorite', [channel.displayName])}
          disabled={busy}
          onClick={toggle}
          className="rounded-md border border-zinc-300 px-3 py-1 text-sm font-semibold hover:bg-zinc-100 disabled:cursor-not-allowed dark:border-zinc-600 dark:hover:bg-zinc-800"
        >
          <span aria-hidden="true">{isFavorite ? '★' : '☆'}</span> {t('streamer.favorite')}
        </button>
      )}
      {channel && isFavorite && muted !== undefined && (
        <button
          type="button"
          aria-pressed={notifies}
          aria-label={t('streamer.notificationsFor', [channel.displayName])}
          onClick={() => void toggleMute()}
          className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800"
        >
          <span aria-hidden="true">{notifies ? '🔔' : '🔕'}</span> {t('streamer.notifications')}
        </button>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
