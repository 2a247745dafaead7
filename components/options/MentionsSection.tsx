import { useId, useState, type FormEvent } from 'react';
import {
  MAX_HIGHLIGHT_LINES,
  checkHighlightWords,
  highlightLines,
  userLogin,
} from '../../lib/for-you/rules';
import {
  highlightUsers,
  highlightWords,
  mentionsThroughQuiet,
  notifyHighlights,
  notifyMentions,
} from '../../lib/settings';
import { t } from '../../lib/i18n';
import { Loading } from '../common/Loading';
import { Switch } from '../common/Switch';
import { useStorageItem } from '../hooks/use-storage-item';
import { Card } from './Card';
import { refusalText } from './highlights';
import { SaveRow } from './SaveRow';

type Field = 'words' | 'users';

function HighlightFields({ words, users }: { words: string[]; users: string[] }) {
  const [draft, setDraft] = useState({ words: words.join('\n'), users: users.join('\n') });
  const [errors, setErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [saved, setSaved] = useState(false);
  const [failed, setFailed] = useState<string>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailed(undefined);
    const wordLines = highlightLines(draft.words).slice(0, MAX_HIGHLIGHT_LINES);
    const userLines = highlightLines(draft.users).slice(0, MAX_HIGHLIGHT_LINES);
    // Each regular expression is checked now, against hostile messages, before it is kept.
    const found: Partial<Record<Field, string[]>> = {};
    const refused = checkHighlightWords(wordLines);
    if (refused.length) found.words = refused.map((r) => refusalText(r.line, r.refusal));
    const notLogins = userLines.filter((line) => userLogin(line) === undefined);
    if (notLogins.length)
      found.users = notLogins.map((line) => t('forYou.options.notALogin', [line]));
    setErrors(found);
    const first = (['words', 'users'] as const).find((field) => found[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    try {
      await highlightWords.setValue(wordLines);
      await highlightUsers.setValue(userLines.map((line) => userLogin(line)!));
      setDraft({
        words: wordLines.join('\n'),
        users: userLines.map((l) => userLogin(l)).join('\n'),
      });
      setSaved(true);
    } catch {
      setFailed(t('forYou.options.saveFailed'));
    }
  };

  const area = (key: Field, label: string, help: string) => {
    const areaId = `${id}-${key}`;
    const problems = errors[key];
    return (
      <div className="space-y-1">
        <label htmlFor={areaId} className="block text-sm font-semibold">
          {label}
        </label>
        <p id={`${areaId}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {help}
        </p>
        <textarea
          id={areaId}
          rows={5}
          spellCheck={false}
          value={draft[key]}
          aria-invalid={Boolean(problems)}
          aria-describedby={`${areaId}-help${problems ? ` ${areaId}-error` : ''}`}
          onChange={(e) => {
            setDraft({ ...draft, [key]: e.target.value });
            setSaved(false);
          }}
          className={`w-full rounded-md border bg-white px-2 py-1.5 font-mono text-sm dark:bg-zinc-800 ${problems ? 'border-red-600 dark:border-red-400' : 'border-zinc-300 dark:border-zinc-600'}`}
        />
        {problems && (
          <ul
            id={`${areaId}-error`}
            data-testid={`${key}-refused`}
            className="list-disc pl-5 text-sm text-red-700 dark:text-red-300"
          >
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
    );
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-3">
      {area('words', t('forYou.options.words'), t('forYou.options.wordsHelp'))}
      {area('users', t('forYou.options.users'), t('forYou.options.usersHelp'))}
      <SaveRow
        label={t('forYou.options.save')}
        savedText={t('forYou.options.saved')}
        saved={saved}
        failed={failed}
      />
    </form>
  );
}

/** Mentions and highlights: which chat lines are "for you", and which of them notify. */
export function MentionsSection() {
  const words = useStorageItem(highlightWords);
  const users = useStorageItem(highlightUsers);
  const mentions = useStorageItem(notifyMentions);
  const highlights = useStorageItem(notifyHighlights);
  const throughQuiet = useStorageItem(mentionsThroughQuiet);
  const loaded =
    words !== undefined &&
    users !== undefined &&
    mentions !== undefined &&
    highlights !== undefined &&
    throughQuiet !== undefined;
  return (
    <Card
      id="mentions"
      title={t('forYou.options.title')}
      description={t('forYou.options.description')}
    >
      {!loaded ? (
        <Loading />
      ) : (
        <div className="space-y-4">
          <div>
            <Switch
              label={t('forYou.options.notifyMentions')}
              description={t('forYou.options.notifyMentionsHelp')}
              checked={mentions}
              onChange={(on) => void notifyMentions.setValue(on)}
            />
            <Switch
              label={t('forYou.options.notifyHighlights')}
              checked={highlights}
              onChange={(on) => void notifyHighlights.setValue(on)}
            />
            <Switch
              label={t('forYou.options.throughQuiet')}
              description={t('forYou.options.throughQuietHelp')}
              checked={throughQuiet}
              onChange={(on) => void mentionsThroughQuiet.setValue(on)}
            />
          </div>
          <HighlightFields words={words} users={users} />
        </div>
      )}
    </Card>
  );
}
