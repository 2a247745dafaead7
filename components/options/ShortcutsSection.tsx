import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { browserCommands, pageKeys } from '../../lib/shortcuts';
import { Card } from './Card';
import { t } from '../../lib/i18n';

/** The shortcut the browser has for each command now (the user may have changed it). */
function useCommandShortcuts(): Record<string, string> | undefined {
  const [shortcuts, setShortcuts] = useState<Record<string, string>>();
  useEffect(() => {
    let active = true;
    const commands = browser.commands as typeof browser.commands | undefined;
    // Without the commands API (or when it fails), the suggested keys are shown.
    void Promise.resolve()
      .then(async () => (await commands?.getAll()) ?? [])
      .then((all) =>
        Object.fromEntries(all.map((command) => [command.name ?? '', command.shortcut ?? ''])),
      )
      .catch(() => ({}))
      .then((found) => {
        if (active) setShortcuts(found);
      });
    return () => {
      active = false;
    };
  }, []);
  return shortcuts;
}

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((key, i) => (
        <span key={key}>
          {i > 0 && ` ${t('shortcuts.or')} `}
          <kbd className="rounded border border-zinc-300 bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-800">
            {key}
          </kbd>
        </span>
      ))}
    </>
  );
}

/** The keyboard shortcuts: the browser's (changeable there) and the streamer page's. */
export function ShortcutsSection() {
  const shortcuts = useCommandShortcuts();
  return (
    <Card id="shortcuts" title={t('shortcuts.title')} description={t('shortcuts.description')}>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th scope="col" className="py-1 font-semibold">
              {t('shortcuts.action')}
            </th>
            <th scope="col" className="py-1 font-semibold">
              {t('shortcuts.keys')}
            </th>
          </tr>
        </thead>
        <tbody>
          {browserCommands.map((command) => {
            const current = shortcuts?.[command.name];
            return (
              <tr key={command.name} data-command={command.name}>
                <td className="py-1">{t('shortcuts.anywhere', [t(command.message)])}</td>
                <td className="py-1">
                  {shortcuts === undefined ? (
                    '…'
                  ) : current ? (
                    <Keys keys={[current]} />
                  ) : current === '' ? (
                    t('shortcuts.notSet')
                  ) : (
                    <Keys keys={[command.suggestedKey]} />
                  )}
                </td>
              </tr>
            );
          })}
          {pageKeys.map((key) => (
            <tr key={key.message}>
              <td className="py-1">{t('shortcuts.onPage', [t(key.message)])}</td>
              <td className="py-1">
                <Keys keys={key.keys} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
