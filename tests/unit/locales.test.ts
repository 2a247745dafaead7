/**
 * Every language says everything English says: the same keys, the same `$1`…`$9` placeholders,
 * plural messages plural in every language, and no empty words.
 */
import { resolve } from 'node:path';
import { parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';
import { chromeMessages, LANGUAGES, LOCALES_DIR } from './messages';

/** The languages the README promises, by their `_locales` folder name. */
const SHIPPED = ['de', 'en', 'es', 'fr', 'ja', 'pt_BR'];
/** The plural forms `i18n.t(key, count)` knows: 0, 1 and the rest. */
const FORMS = new Set(['0', '1', 'n']);

type Shape = { plural: boolean; forms: string[]; texts: string[] };

async function shapes(language: string): Promise<Map<string, Shape>> {
  const parsed = await parseMessagesFile(resolve(LOCALES_DIR, `${language}.yml`));
  const byKey = new Map<string, Shape>();
  for (const message of parsed as ParsedMessage[]) {
    const key = message.key.join('.');
    if (key.startsWith('@@')) continue; // the browser's own predefined messages
    if (message.type === 'plural') {
      const plurals = message.plurals as Record<string, string>;
      byKey.set(key, {
        plural: true,
        forms: Object.keys(plurals),
        texts: Object.values(plurals).map(String),
      });
    } else if (message.type === 'simple') {
      byKey.set(key, { plural: false, forms: [], texts: [message.message] });
    } else {
      byKey.set(key, { plural: false, forms: [], texts: [String(message.message)] });
    }
  }
  return byKey;
}

/** `$1`…`$9` used by any form of a message. */
const placeholders = (texts: string[]) =>
  [...new Set(texts.flatMap((text) => text.replaceAll('$$', '').match(/\$[1-9]/g) ?? []))].sort();

const english = await shapes('en');

describe('languages', () => {
  it('ships English, German, Spanish, French, Brazilian Portuguese and Japanese', () => {
    expect(LANGUAGES).toEqual(SHIPPED);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of English', async (l) => {
    const messages = await shapes(l);
    const missing = [...english.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s uses the same placeholders and plural shape as English',
    async (l) => {
      const messages = await shapes(l);
      const different: string[] = [];
      for (const [key, theirs] of messages) {
        const ours = english.get(key);
        if (!ours) continue;
        if (ours.plural !== theirs.plural) different.push(`${key}: plural in one, not the other`);
        if (placeholders(ours.texts).join() !== placeholders(theirs.texts).join())
          different.push(
            `${key}: ${placeholders(theirs.texts)} instead of ${placeholders(ours.texts)}`,
          );
      }
      expect(different).toEqual([]);
    },
  );

  it.each(LANGUAGES)('%s has no empty message and only the plural forms 0, 1 and n', async (l) => {
    const problems: string[] = [];
    for (const [key, shape] of await shapes(l)) {
      if (shape.texts.some((text) => !text.trim())) problems.push(`${key}: empty`);
      if (shape.plural) {
        if (!shape.forms.includes('n')) problems.push(`${key}: no "n" form`);
        const unknown = shape.forms.filter((form) => !FORMS.has(form));
        if (unknown.length) problems.push(`${key}: forms ${unknown.join(', ')}`);
        // " | " separates the forms in messages.json.
        if (shape.texts.some((text) => text.includes(' | '))) problems.push(`${key}: " | "`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives French its singular for 0, as French counts', async () => {
    const french = await shapes('fr');
    const missing = [...french]
      .filter(([, shape]) => shape.plural && !shape.forms.includes('0'))
      .map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s builds a messages.json the browser can read', async (l) => {
    const messages = await chromeMessages(l);
    for (const [key, { message }] of Object.entries(messages)) {
      // Chrome's message names: letters, digits and underscores.
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(typeof message).toBe('string');
    }
    expect(messages.extName?.message).toBe('Companion for Twitch');
    expect(messages.languageTag?.message).toBe(l.replace('_', '-'));
  });
});
