import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { t } from '../../lib/i18n';
import { ChannelSuggestionList } from '../common/ChannelSuggestionList';
import { useChannelSuggestions } from '../hooks/use-channel-suggestions';

/**
 * "Find a channel": Twitch's channel search while typing (`searchChannels`, as the favorite form
 * does); choosing a result, or pressing Enter on the one highlighted, opens that channel.
 */
export function ChannelSearch({
  initial = '',
  onSelect,
}: {
  initial?: string;
  onSelect(login: string): void;
}) {
  const [text, setText] = useState(initial);
  const id = useId();
  const query = text.trim();
  const searchable = query.length >= 2 && query.length <= 100;
  const { answered, suggestions, highlighted, moveHighlight } = useChannelSuggestions(
    query,
    searchable,
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const choice = suggestions[highlighted >= 0 ? highlighted : 0];
    if (choice) onSelect(choice.login);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => void moveHighlight(event);

  return (
    <form onSubmit={onSubmit} role="search" className="space-y-2" noValidate>
      <input
        type="search"
        role="combobox"
        aria-label={t('streamer.searchLabel')}
        aria-expanded={suggestions.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={highlighted >= 0 ? `${id}-option-${highlighted}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('streamer.searchLabel')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-800"
      />
      {suggestions.length > 0 && (
        <ChannelSuggestionList
          listId={id}
          label={t('streamer.searchResults')}
          className="max-h-72 overflow-auto rounded-md border border-zinc-300 dark:border-zinc-600"
          suggestions={suggestions}
          highlighted={highlighted}
          onChoose={onSelect}
        />
      )}
      {answered?.length === 0 && (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {t('streamer.noResults')}
        </p>
      )}
    </form>
  );
}
