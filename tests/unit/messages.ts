/**
 * The messages of each language as the browser reads them (`_locales/<lang>/messages.json`,
 * made from `locales/<lang>.yml` by WXT's i18n module), and a stand-in for `browser.i18n` that
 * serves them, so component and unit tests run in any language.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const LOCALES_DIR = resolve(import.meta.dirname, '../../locales');

/** The languages shipped, by their file name ("en", "de", "pt_BR"). */
export const LANGUAGES = readdirSync(LOCALES_DIR)
  .filter((file) => extname(file) === '.yml')
  .map((file) => basename(file, '.yml'))
  .sort();

export type Messages = Record<string, { message: string }>;

/** A language's messages as the generated `messages.json` has them. */
export async function chromeMessages(language: string): Promise<Messages> {
  const parsed = await parseMessagesFile(resolve(LOCALES_DIR, `${language}.yml`));
  return generateChromeMessages(parsed) as Messages;
}

/** `$1`…`$9` filled in, `$$` a dollar sign: what `browser.i18n.getMessage` does. */
function substitute(message: string, subs: unknown): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : String(list[Number(which) - 1] ?? ''),
  );
}

/**
 * Serve these messages from the fake browser's `i18n` (optionally rewritten, as the
 * pseudo-language does), with this UI language for `Intl`.
 */
export function serveMessages(
  messages: Messages,
  uiLanguage: string,
  rewrite: (message: string) => string = (message) => message,
): void {
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = (key: string, subs?: unknown) => {
    const entry = messages[key];
    return entry ? substitute(rewrite(entry.message), subs) : '';
  };
  i18n.getUILanguage = () => uiLanguage;
}

/** The UI language a file's messages go with ("pt_BR" → "pt-BR"). */
export function uiLanguageOf(language: string): string {
  return language === 'en' ? 'en-US' : language.replace('_', '-');
}

export const englishMessages = await chromeMessages('en');
