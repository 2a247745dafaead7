import type { ChannelSuggestion } from '../../lib/messaging';
import { t } from '../../lib/i18n';

/**
 * One channel search result in a listbox of suggestions: name, LIVE when live, and its category.
 * Chosen on mouse down, before the text box loses focus (its list would close first).
 */
function ChannelSuggestionOption({
  listId,
  index,
  suggestion,
  highlighted,
  onChoose,
}: {
  listId: string;
  index: number;
  suggestion: ChannelSuggestion;
  highlighted: boolean;
  onChoose(login: string): void;
}) {
  return (
    <li
      id={`${listId}-option-${index}`}
      role="option"
      aria-selected={highlighted}
      onMouseDown={(e) => {
        e.preventDefault();
        onChoose(suggestion.login);
      }}
      className={`flex cursor-pointer items-center gap-2 px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${highlighted ? 'bg-twitch/15' : ''}`}
    >
      <span className="font-semibold">{suggestion.displayName}</span>
      {suggestion.isLive && (
        <span className="rounded bg-red-600 px-1 text-xs font-bold text-white">
          {t('common.live')}
        </span>
      )}
      <span className="truncate text-zinc-500">{suggestion.gameName}</span>
    </li>
  );
}

/** The suggestions as a listbox (the text box's `aria-controls` is `${listId}-list`). */
export function ChannelSuggestionList({
  listId,
  label,
  className,
  suggestions,
  highlighted,
  onChoose,
}: {
  listId: string;
  label: string;
  className: string;
  suggestions: readonly ChannelSuggestion[];
  highlighted: number;
  onChoose(login: string): void;
}) {
  return (
    <ul id={`${listId}-list`} role="listbox" aria-label={label} className={className}>
      {suggestions.map((suggestion, index) => (
        <ChannelSuggestionOption
          key={suggestion.id}
          listId={listId}
          index={index}
          suggestion={suggestion}
          highlighted={index === highlighted}
          onChoose={onChoose}
        />
      ))}
    </ul>
  );
}
