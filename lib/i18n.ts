/**
 * The extension's words: every user-visible string is a message in `locales/<language>.yml`
 * (README, "Languages"), read through WXT's i18n module in the browser's UI language.
 *
 * `t` is WXT's `i18n.t`, typed by the English file (`#i18n`): `t('popup.signOut')`,
 * `t('live.viewers', count, [formatted])` for a plural message.
 *
 * Chrome's listener runs in a worker of the offscreen document, where there is no `i18n` API:
 * there `t` gives an empty text. What runs there reports facts (`lib/listener-protocol.ts`), and
 * the views word them.
 */
import { createI18n } from '@wxt-dev/i18n';
import type { GeneratedI18nStructure } from '#i18n';
import { browser } from 'wxt/browser';

// What `#i18n` exports, made here so that code run outside the extension's bundler (the bench,
// the browser tests' helpers) can import this file too: only its type comes from `#i18n`.
const i18n = createI18n<GeneratedI18nStructure>();

type Translate = typeof i18n.t;
type I18nApi = { getMessage: (...args: never[]) => string; getUILanguage: () => string };

function api(): I18nApi | undefined {
  try {
    return (browser as unknown as { i18n?: I18nApi } | undefined)?.i18n;
  } catch {
    return undefined;
  }
}

/** Whether this context can look words up (not in Chrome's listener worker). */
function canTranslate(): boolean {
  return typeof api()?.getMessage === 'function';
}

export const t = ((key: string, ...args: unknown[]): string =>
  canTranslate()
    ? (i18n.t as (key: string, ...args: unknown[]) => string)(key, ...args)
    : '') as Translate;

/**
 * The browser's UI language ("de", "en-US"): what numbers, dates and durations are formatted
 * in. English where the browser cannot say (the listener worker, tests without a browser).
 */
export function uiLanguage(): string {
  try {
    const language = api()?.getUILanguage?.();
    if (language) return language.replace('_', '-');
  } catch {
    // No i18n API here.
  }
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}

/** The language the words are in (the messages file in use), for `<html lang>`. */
export function textLanguage(): string {
  return canTranslate() ? t('languageTag') : 'en';
}
