import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { sendMessage } from '../../lib/messaging';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useChannelSuggestions } from '../hooks/use-channel-suggestions';
import { Button } from '../common/Button';
import { ErrorAlert } from '../common/ErrorAlert';
import { t } from '../../lib/i18n';
import { ChannelSuggestionList } from '../common/ChannelSuggestionList';

/** "Favorite streamer": a login, display name or twitch.tv link, with suggestions while typing. */
export function FavoriteForm({ current }: { current?: string }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const { run, busy, error, clearError } = useBackgroundAction();
  const [saved, setSaved] = useState<string>();
  const id = useId();
  const query = text.trim();
  const searchable = query.length >= 2 && !/twitch\.tv/i.test(query);
  const { suggestions, highlighted, moveHighlight } = useChannelSuggestions(query, searchable);

  const save = async (value: string) => {
    setSaved(undefined);
    setOpen(false);
    if (await run(() => sendMessage('setFavorite', value))) {
      setText('');
      setSaved(t('popup.favorite.saved'));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const choice = highlighted >= 0 ? suggestions[highlighted] : undefined;
    void save(choice ? choice.login : text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (moveHighlight(event)) {
      if (event.key === 'ArrowDown') setOpen(true);
    } else if (event.key === 'Escape' && suggestions.length) {
      setOpen(false);
    }
  };

  const showList = open && suggestions.length > 0;
  return (
    <form onSubmit={onSubmit} className="space-y-1" noValidate>
      <label htmlFor={`${id}-input`} className="block text-sm font-semibold">
        {t('popup.favorite.label')}
      </label>
      <div className="relative flex gap-2">
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={showList}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={highlighted >= 0 ? `${id}-option-${highlighted}` : undefined}
          aria-invalid={Boolean(error)}
          aria-describedby={`${id}-help`}
          autoComplete="off"
          spellCheck={false}
          placeholder={
            current ? t('popup.favorite.now', [current]) : t('popup.favorite.placeholder')
          }
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            clearError();
            setSaved(undefined);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-800"
        />
        <Button type="submit" disabled={busy || !text.trim()}>
          {busy ? t('common.saving') : t('common.save')}
        </Button>
        {showList && (
          <ChannelSuggestionList
            listId={id}
            label={t('popup.favorite.suggestions')}
            className="absolute top-full right-0 left-0 z-10 mt-1 max-h-56 overflow-auto rounded-md border border-zinc-300 bg-white shadow-lg dark:border-zinc-600 dark:bg-zinc-800"
            suggestions={suggestions}
            highlighted={highlighted}
            onChoose={(login) => void save(login)}
          />
        )}
      </div>
      <p id={`${id}-help`} className="text-xs text-zinc-500 dark:text-zinc-400">
        {t('popup.favorite.help')}
      </p>
      <ErrorAlert error={error} />
      {saved && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {saved}
        </p>
      )}
    </form>
  );
}
