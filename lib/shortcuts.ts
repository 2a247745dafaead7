/**
 * Keyboard shortcuts: the browser-wide commands (declared in the manifest by wxt.config.ts, so
 * the browser lists them in its shortcut settings, where they can be changed) and the keys of
 * the streamer page.
 */

export interface BrowserCommand {
  /** The manifest's command name. */
  name: string;
  description: string;
  /** The suggested default; the user may change it in the browser. */
  suggestedKey: string;
}

export const OPEN_STREAMER_PAGE_COMMAND: BrowserCommand = {
  name: 'open-streamer-page',
  description: 'Open the streamer page',
  suggestedKey: 'Alt+Shift+U',
};

export const TOGGLE_SNOOZE_COMMAND: BrowserCommand = {
  name: 'toggle-snooze',
  description: 'Snooze notifications for an hour, or end the snooze',
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
      { suggested_key: { default: c.suggestedKey }, description: c.description },
    ]),
  );
}

/** The streamer page's own keys (not while typing in a text field). */
export const pageKeys = [
  { keys: ['/'], description: 'Focus the chat box' },
  { keys: ['['], description: 'Previous favorite channel' },
  { keys: [']'], description: 'Next favorite channel' },
] as const;
