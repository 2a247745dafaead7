/**
 * Words made where the browser has no `i18n` (Chrome's listener worker): references to messages,
 * turned into words where they are shown.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localize, t, textLanguage, uiLanguage } from '../../lib/i18n';
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
  it('are references there, and words where they are shown', () => {
    const reason = withoutI18n(() => t('listener.needsModerator'));
    expect(reason).not.toContain('moderator');
    expect(localize(reason)).toBe('needs moderator access');
  });

  it('keep their substitutions, nested messages and plural counts', () => {
    const detail = withoutI18n(() =>
      t('listener.connectionLostBecause', [t('listener.reconnectFailedBecause', ['[4007] x'])]),
    );
    expect(localize(`${detail}.`)).toBe(
      'Connection lost: the reconnect Twitch asked for failed ([4007] x); connecting afresh.',
    );
    const viewers = withoutI18n(() => [t('live.viewers', 1, ['1']), t('live.viewers', 3, ['3'])]);
    expect(viewers.map((v) => localize(v))).toEqual(['1 viewer', '3 viewers']);
  });

  it('leaves plain text alone', () => {
    expect(localize('Twitch said no')).toBe('Twitch said no');
    expect(localize(undefined)).toBeUndefined();
  });

  it('formats in the UI language and names the words’ language', () => {
    serveMessages(englishMessages, 'de');
    expect(uiLanguage()).toBe('de');
    expect(textLanguage()).toBe('en');
    expect(withoutI18n(() => textLanguage())).toBe('en');
  });
});
