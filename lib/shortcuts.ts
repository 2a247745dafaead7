/**
 * Keyboard shortcuts: the browser-wide commands (declared in the manifest by wxt.config.ts, so
 * the browser lists them in its shortcut settings, where they can be changed) and the keys of
 * the streamer page. Their words are messages (locales/*.yml): the manifest names them as
 * `__MSG_<key>__`, the pages look them up by `message`. wxt.config.ts reads this file at build
 * time, where there is no browser to look words up, so it holds the keys, not the words.
 */

/** The messages that describe the shortcuts. */
export type ShortcutMessage =
  | 'shortcuts.openStreamerPage'
  | 'shortcuts.toggleSnooze'
  | 'shortcuts.focusChat'
  | 'shortcuts.previousChannel'
  | 'shortcuts.nextChannel';

/** A message as the manifest refers to it (`shortcuts.focusChat` → `__MSG_shortcuts_focusChat__`). */
export function manifestMessage(key: string): string {
  return `__MSG_${key.replaceAll('.', '_')}__`;
}

export interface BrowserCommand {
  /** The manifest's command name. */
  name: string;
  message: ShortcutMessage;
  /** The suggested default; the user may change it in the browser. */
  suggestedKey: string;
}

export const OPEN_STREAMER_PAGE_COMMAND: BrowserCommand = {
  name: 'open-streamer-page',
  message: 'shortcuts.openStreamerPage',
  suggestedKey: 'Alt+Shift+U',
};

export const TOGGLE_SNOOZE_COMMAND: BrowserCommand = {
  name: 'toggle-snooze',
  message: 'shortcuts.toggleSnooze',
  suggestedKey: 'Alt+Shift+O',
};

export const browserCommands: BrowserCommand[] = [
  OPEN_STREAMER_PAGE_COMMAND,
  TOGGLE_SNOOZE_COMMAND,
];

/** The manifest's `commands`, the same in both builds. */
export function manifestCommands(): Record<
  string,
  { suggested_key: { default: string }; description: string }
> {
  return Object.fromEntries(
    browserCommands.map((c) => [
      c.name,
      { suggested_key: { default: c.suggestedKey }, description: manifestMessage(c.message) },
    ]),
  );
}

/** The streamer page's own keys (not while typing in a text field). */
export const pageKeys: readonly { keys: readonly string[]; message: ShortcutMessage }[] = [
  { keys: ['/'], message: 'shortcuts.focusChat' },
  { keys: ['['], message: 'shortcuts.previousChannel' },
  { keys: [']'], message: 'shortcuts.nextChannel' },
];
