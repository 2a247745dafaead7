import { describe, expect, it } from 'vitest';
import { ForYouMatcher } from '../../../lib/for-you/match';
import {
  backtrackingRisk,
  checkHighlightWords,
  compileWords,
  highlightLines,
  matchWords,
  trialRegex,
} from '../../../lib/for-you/rules';

const ME = '100003';

const chat = (text: string, extra: Record<string, unknown> = {}) => ({
  broadcaster_user_id: '100001',
  broadcaster_user_login: 'demo',
  chatter_user_id: '200',
  chatter_user_login: 'viewer_one',
  chatter_user_name: 'Viewer_One',
  message_id: 'm1',
  message: { text, fragments: [{ type: 'text', text, mention: null }] },
  reply: null,
  ...extra,
});

describe('highlight words', () => {
  it('match whole words and phrases in any case, and regex lines', () => {
    const words = compileWords(['gg', 'Good Game', '/\\bclip\\s+(it|that)\\b/']);
    expect(matchWords(words, 'GG everyone')).toBe('GG');
    expect(matchWords(words, 'eggs for breakfast')).toBeUndefined();
    expect(matchWords(words, 'what a good   game')).toBe('good   game');
    expect(matchWords(words, 'someone CLIP IT')).toBe('/\\bclip\\s+(it|that)\\b/');
    expect(matchWords(words, 'clipping')).toBeUndefined();
    // Letters beyond ASCII are letters: "gg" inside "éggé" is not a whole word.
    expect(matchWords(words, 'éggé')).toBeUndefined();
  });

  it('reads a text area: trimmed lines, no blanks, no repeats', () => {
    expect(highlightLines(' gg \n\nGG\nhype train\r\n')).toEqual(['gg', 'hype train']);
  });
});

describe('regular expressions that could backtrack', () => {
  it('are refused from the pattern: nested or alternated repeats, backreferences, many repeats', () => {
    expect(backtrackingRisk('(a+)+$')).toEqual({ code: 'nestedRepeat' });
    expect(backtrackingRisk('(a|aa)*b')).toEqual({ code: 'nestedRepeat' });
    expect(backtrackingRisk('(?:\\w+\\s?)+$')).toEqual({ code: 'nestedRepeat' });
    expect(backtrackingRisk('(x)\\1+')).toEqual({ code: 'backreference' });
    expect(backtrackingRisk('a*b*c*d')).toEqual({ code: 'tooManyRepeats', max: 2 });
    expect(backtrackingRisk('\\bclip\\s+(it|that)\\b')).toBeUndefined();
    expect(backtrackingRisk('(ab)+c')).toBeUndefined();
    expect(backtrackingRisk('[(+*]+x')).toBeUndefined();
  });

  it('a hostile one is refused at once, where running it would take seconds', () => {
    const started = performance.now();
    const refused = checkHighlightWords(['hello', '/^(a+)+$/', '/(.*a){12}/']);
    expect(performance.now() - started).toBeLessThan(200);
    expect(refused.map((r) => [r.line, r.refusal.code])).toEqual([
      ['/^(a+)+$/', 'nestedRepeat'],
      ['/(.*a){12}/', 'nestedRepeat'],
    ]);
  });

  it('an invalid one is refused with the browser’s reason', () => {
    const [refused] = checkHighlightWords(['/(unclosed/']);
    expect(refused!.refusal.code).toBe('invalid');
    expect((refused!.refusal as { message: string }).message).toMatch(/group|paren/i);
  });

  it('one that passes the pattern check but is slow on a long message is refused by its time', () => {
    // Two open-ended repeats pass the pattern check, but on 500 letters this one takes far
    // longer than the budget (cubic in the message's length).
    const refusal = trialRegex('\\w+\\w+x', 10);
    expect(refusal).toEqual({ code: 'tooSlow', ms: expect.any(Number), budgetMs: 10 });
    expect((refusal as { ms: number }).ms).toBeGreaterThan(10);
    expect(trialRegex('\\bclip\\b')).toBeUndefined();
  });

  it('a refused line from elsewhere (another computer, a file) is left out of matching', () => {
    const words = compileWords(['/^(a+)+$/', 'hello']);
    expect(words.regexes).toEqual([]);
    expect(matchWords(words, `${'a'.repeat(40)}!`)).toBeUndefined();
  });
});

describe('what is for the user', () => {
  const matcher = new ForYouMatcher(ME, {
    login: 'someone',
    displayName: 'Someone',
    words: ['hype'],
    users: ['@Friend'],
  });

  it('a mention fragment naming them, or their name written with @', () => {
    const fragment = chat('@someone hi', {
      message: {
        text: '@someone hi',
        fragments: [{ type: 'mention', text: '@someone', mention: { user_id: ME } }],
      },
    });
    expect(matcher.kindOf(fragment)).toEqual({ kind: 'mention' });
    expect(matcher.kindOf(chat('hi @SomeOne!'))).toEqual({ kind: 'mention' });
    expect(matcher.kindOf(chat('hi someone'))).toBeUndefined();
    expect(matcher.kindOf(chat('mail me@someone.example'))).toBeUndefined();
  });

  it('a reply to them (a reply starts with @ too: it is a reply)', () => {
    const reply = chat('@someone sure', {
      reply: { parent_user_id: ME, parent_message_id: 'p' },
    });
    expect(matcher.kindOf(reply)).toEqual({ kind: 'reply' });
  });

  it('a highlight user and a highlight word', () => {
    expect(matcher.kindOf(chat('hello', { chatter_user_login: 'friend' }))).toEqual({
      kind: 'user',
      matched: 'friend',
    });
    expect(matcher.kindOf(chat('HYPE!'))).toEqual({ kind: 'word', matched: 'HYPE' });
  });

  it('never their own lines', () => {
    expect(matcher.kindOf(chat('@someone hype', { chatter_user_id: ME }))).toBeUndefined();
  });

  it('new rules apply to the next line', () => {
    const changing = new ForYouMatcher(ME, { login: 'someone', words: [], users: [] });
    expect(changing.kindOf(chat('pog'))).toBeUndefined();
    changing.update({ login: 'someone', words: ['pog'], users: [] });
    expect(changing.kindOf(chat('pog'))).toEqual({ kind: 'word', matched: 'pog' });
  });
});
