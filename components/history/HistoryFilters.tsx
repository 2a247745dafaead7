/**
 * The timeline's filters: channels, kinds (grouped as the notification settings group them),
 * "For you only" (offered when "for you" items are kept), and the time range.
 */
import { useEffect, useId, useRef } from 'react';
import type { ChannelName } from '../../lib/history/channels';
import type { HistoryRange, RangeChoice } from '../../lib/history/range';
import { t } from '../../lib/i18n';
import { notificationGroups } from '../options/notification-groups';
import { rangeName } from './history-words';

export type ChannelChoice = 'all' | ReadonlySet<string>;

const CHOICES: RangeChoice[] = ['lastVisit', 'day', 'week', 'all'];

function Check({
  label,
  checked,
  mixed = false,
  onChange,
}: {
  label: string;
  checked: boolean;
  mixed?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current) input.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        ref={input}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="min-w-0 truncate">{label}</span>
    </label>
  );
}

export function HistoryFilters({
  channels,
  names,
  shownChannels,
  onChannels,
  kinds,
  hiddenKinds,
  onKinds,
  forYouOffered,
  forYouOnly,
  onForYouOnly,
  range,
  givenRange,
  onRange,
}: {
  /** The channels with something in range, in the order shown. */
  channels: readonly string[];
  names: ReadonlyMap<string, ChannelName>;
  shownChannels: ChannelChoice;
  onChannels: (choice: ChannelChoice) => void;
  /** The kinds among the events read. */
  kinds: ReadonlySet<string>;
  hiddenKinds: ReadonlySet<string>;
  onKinds: (hidden: ReadonlySet<string>) => void;
  forYouOffered: boolean;
  forYouOnly: boolean;
  onForYouOnly: (only: boolean) => void;
  range: HistoryRange;
  /** The stretch the page was opened at, when it was. */
  givenRange?: HistoryRange;
  onRange: (choice: RangeChoice) => void;
}) {
  const id = useId();
  const isShown = (channelId: string) => shownChannels === 'all' || shownChannels.has(channelId);
  const toggleChannel = (channelId: string, on: boolean) => {
    const next = new Set(shownChannels === 'all' ? channels : shownChannels);
    if (on) next.add(channelId);
    else next.delete(channelId);
    onChannels(channels.every((c) => next.has(c)) ? 'all' : next);
  };
  const toggleKinds = (keys: readonly string[], on: boolean) => {
    const next = new Set(hiddenKinds);
    for (const key of keys) {
      if (on) next.delete(key);
      else next.add(key);
    }
    onKinds(next);
  };
  const groups = notificationGroups()
    .map((group) => ({ ...group, choices: group.choices.filter((c) => kinds.has(c.key)) }))
    .filter((group) => group.choices.length > 0);
  const choices = givenRange ? ['given' as const, ...CHOICES] : CHOICES;

  return (
    <section
      aria-labelledby={`${id}-filters`}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={`${id}-filters`} className="font-semibold">
        {t('history.filters')}
      </h2>
      <label className="flex flex-col gap-1 text-sm">
        <span>{t('history.range')}</span>
        <select
          value={range.choice}
          onChange={(e) => onRange(e.target.value as RangeChoice)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-800"
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {rangeName(choice === 'given' && givenRange ? givenRange : { ...range, choice })}
            </option>
          ))}
        </select>
      </label>
      {forYouOffered && (
        <Check label={t('history.forYouOnly')} checked={forYouOnly} onChange={onForYouOnly} />
      )}
      {channels.length > 0 && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-semibold">{t('history.channels')}</legend>
          {channels.map((channelId) => (
            <Check
              key={channelId}
              label={names.get(channelId)?.displayName ?? channelId}
              checked={isShown(channelId)}
              onChange={(on) => toggleChannel(channelId, on)}
            />
          ))}
        </fieldset>
      )}
      {groups.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t('history.kinds')}</legend>
          {groups.map((group) => {
            const keys = group.choices.map((c) => c.key);
            const hidden = keys.filter((k) => hiddenKinds.has(k)).length;
            return (
              <div key={group.id} role="group" aria-label={group.title}>
                <Check
                  label={group.title}
                  checked={hidden === 0}
                  mixed={hidden > 0 && hidden < keys.length}
                  onChange={(on) => toggleKinds(keys, on)}
                />
                <div className="ml-5 space-y-0.5">
                  {group.choices.map((choice) => (
                    <Check
                      key={choice.key}
                      label={choice.label}
                      checked={!hiddenKinds.has(choice.key)}
                      onChange={(on) => toggleKinds([choice.key], on)}
                    />
                  ))}
                </div>
              </div>
            );
          })}
        </fieldset>
      )}
    </section>
  );
}
