import { useId, useMemo, useState } from 'react';
import {
  authProfile,
  badgeMode,
  followNotificationSettings,
  follows,
  MAX_COOLDOWN_MINUTES,
  type BadgeMode,
  type FollowNotificationSettings,
  type GoLiveMode,
} from '../../lib/settings';
import { FOLLOWS_SCOPE } from '../../lib/twitch/catalog';
import { Loading } from '../common/Loading';
import { RadioGroup } from '../common/RadioGroup';
import { Switch } from '../common/Switch';
import { useStorageItem } from '../hooks/use-storage-item';
import { Card } from './Card';
import { SearchBox } from '../common/SearchBox';
import { t } from '../../lib/i18n';
import { count, list as formatList, relativeTime } from '../../lib/wording/format';

/** At most this many followed channels are listed at once; the filter finds the others. */
const LISTED = 200;

async function update(
  change: (current: FollowNotificationSettings) => FollowNotificationSettings,
): Promise<void> {
  await followNotificationSettings.setValue(change(await followNotificationSettings.getValue()));
}

const modes = (): { value: GoLiveMode; label: string }[] => [
  { value: 'all', label: t('follows.goLiveAll') },
  { value: 'favorites', label: t('follows.goLiveFavorites') },
  { value: 'off', label: t('follows.goLiveOff') },
];

const badges = (): { value: BadgeMode; label: string }[] => [
  { value: 'unseen', label: t('follows.badgeUnseen') },
  { value: 'live', label: t('follows.badgeLive') },
  { value: 'forYou', label: t('forYou.badge') },
  { value: 'off', label: t('follows.badgeOff') },
];

/** The cooldown typed, when it is a whole number of minutes within bounds. */
function cooldownOf(text: string): number | undefined {
  const value = Number(text);
  return /^\d+$/.test(text.trim()) && value <= MAX_COOLDOWN_MINUTES ? value : undefined;
}

function CooldownInput({ minutes }: { minutes: number }) {
  const [text, setText] = useState(String(minutes));
  const id = useId();
  const valid = cooldownOf(text) !== undefined;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {t('follows.cooldown')}
      </label>
      <input
        id={id}
        type="number"
        min={0}
        max={MAX_COOLDOWN_MINUTES}
        value={text}
        aria-invalid={!valid}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          setText(e.target.value);
          const next = cooldownOf(e.target.value);
          if (next !== undefined) void update((s) => ({ ...s, cooldownMinutes: next }));
        }}
        className="ml-2 w-20 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-800"
      />
      <p id={`${id}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
        {t('follows.cooldownHelp')}
      </p>
      {!valid && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {t('follows.cooldownInvalid', [count(0), count(MAX_COOLDOWN_MINUTES)])}
        </p>
      )}
    </div>
  );
}

/** Followed channels: go-live notifications (which, mutes, cooldown) and the toolbar badge. */
export function FollowsSection() {
  const settings = useStorageItem(followNotificationSettings);
  const list = useStorageItem(follows);
  const profile = useStorageItem(authProfile);
  const badge = useStorageItem(badgeMode);
  const [filter, setFilter] = useState('');
  const channels = list?.channels;
  const matching = useMemo(() => {
    const wanted = filter.trim().toLowerCase();
    return (channels ?? []).filter(
      (c) =>
        !wanted ||
        c.displayName.toLowerCase().includes(wanted) ||
        c.login.toLowerCase().includes(wanted),
    );
  }, [channels, filter]);

  let channelList;
  if (list === undefined || profile === undefined) channelList = <Loading />;
  else if (!profile) channelList = <p className="text-sm">{t('follows.signIn')}</p>;
  else if (!profile.scopes.includes(FOLLOWS_SCOPE))
    channelList = (
      <p className="text-sm" data-testid="follows-missing">
        {t('follows.missing')}
      </p>
    );
  else if (!list || list.fetchedAt === 0)
    channelList = list?.error ? (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {t('follows.loadFailed', [list.error])}
      </p>
    ) : (
      <p aria-busy="true" className="text-sm">
        {t('follows.loading')}
      </p>
    );
  else
    channelList = (
      <div className="space-y-2">
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('follows.fetched', list.channels.length, [
            count(list.channels.length),
            relativeTime(list.fetchedAt),
          ])}
          {list.error && ` ${t('follows.refreshFailed', [list.error])}`}
        </p>
        {list.dropped.length > 0 && (
          <p role="note" className="text-xs text-amber-800 dark:text-amber-200">
            {t('follows.dropped', [formatList(list.dropped.map((c) => c.displayName))])}
          </p>
        )}
        <SearchBox label={t('follows.filter')} value={filter} onChange={setFilter} />
        {matching.length === 0 ? (
          <p className="text-sm">{t('follows.noMatch', [filter.trim()])}</p>
        ) : (
          <ul aria-label={t('signIn.follows')} className="max-h-96 overflow-y-auto">
            {matching.slice(0, LISTED).map((channel) => (
              <li key={channel.id}>
                <Switch
                  label={t('follows.mute', [channel.displayName])}
                  checked={settings?.muted.includes(channel.id) ?? false}
                  onChange={(muted) =>
                    void update((s) => ({
                      ...s,
                      muted: muted
                        ? [...s.muted.filter((id) => id !== channel.id), channel.id]
                        : s.muted.filter((id) => id !== channel.id),
                    }))
                  }
                />
              </li>
            ))}
          </ul>
        )}
        {matching.length > LISTED && (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('follows.showing', [count(LISTED), count(matching.length)])}
          </p>
        )}
      </div>
    );

  return (
    <Card id="follows" title={t('signIn.follows')} description={t('follows.description')}>
      {settings === undefined || badge === undefined ? (
        <Loading />
      ) : (
        <div className="space-y-4">
          <RadioGroup
            legend={t('follows.goLive')}
            name="go-live-mode"
            choices={modes()}
            value={settings.goLive}
            onChange={(mode) => void update((s) => ({ ...s, goLive: mode }))}
          />
          <CooldownInput minutes={settings.cooldownMinutes} />
          <RadioGroup
            legend={t('follows.badge')}
            name="badge-mode"
            choices={badges()}
            value={badge}
            onChange={(choice) => void badgeMode.setValue(choice)}
          />
          {channelList}
        </div>
      )}
    </Card>
  );
}
