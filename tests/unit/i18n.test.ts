/**
 * Words where the browser has no `i18n` (Chrome's listener worker): none, as what runs there
 * reports facts; and the languages words and numbers are in.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t, textLanguage, uiLanguage } from '../../lib/i18n';
import { englishMessages, serveMessages } from './messages';

/** Runs `make` as in a context without `browser.i18n`. */
function withoutI18n<T>(make: () => T): T {
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  const [getMessage, getUILanguage] = [i18n.getMessage, i18n.getUILanguage];
  i18n.getMessage = undefined;
  i18n.getUILanguage = undefined;
  try {
    return make();
  } finally {
    i18n.getMessage = getMessage;
    i18n.getUILanguage = getUILanguage;
  }
}

describe('messages from a context without i18n', () => {
  it('are empty there, and words where there is an i18n API', () => {
    expect(withoutI18n(() => t('listener.needsModerator'))).toBe('');
    expect(t('listener.needsModerator')).toBe('needs moderator access');
  });

  it('formats in the UI language and names the words’ language', () => {
    serveMessages(englishMessages, 'de');
    expect(uiLanguage()).toBe('de');
    expect(textLanguage()).toBe('en');
    expect(withoutI18n(() => textLanguage())).toBe('en');
  });
});
