/**
 * Highlight words and highlight users, from the lines the user typed to what matching runs:
 * compiled once per settings change, never per chat line.
 *
 * A words line is a word or phrase (whole words, any case) or a `/regular expression/`. A regular
 * expression is refused when the browser cannot compile it, or when it could backtrack for long
 * on a hostile message. JavaScript cannot interrupt a running regular expression, so timing one
 * is safe only when it cannot blow up exponentially: the shapes that can (a repeated group that
 * itself repeats or has alternatives, `(a+)+`, `(a|aa)*`; backreferences) are refused from the
 * pattern alone, and a regular expression with more than two open-ended repeats is refused too
 * (each one multiplies the work by the message's length). What passes is then run against
 * hostile messages of Twitch's longest length with a time budget (`trialRegex`, at save time).
 *
 * Runs in the listener's worker too: the reasons are facts, the options page words them.
 */

/** Twitch's longest chat message, in characters. */
export const MAX_MESSAGE_LENGTH = 500;
/** How long all hostile trials of one regular expression may take together (ms). */
export const REGEX_TIME_BUDGET_MS = 10;
/** Lines kept at most per list, and characters per line. */
export const MAX_HIGHLIGHT_LINES = 200;
export const MAX_HIGHLIGHT_LINE_LENGTH = 200;
/** Open-ended repeats (`*`, `+`, `{n,}`, or a bound above this) allowed in one expression. */
const MAX_OPEN_REPEATS = 2;
const LARGE_BOUND = 20;

/** Why a regular expression line is refused: a fact for the options page to word. */
export type RegexRefusal =
  /** The browser could not compile it; `message` is its own words. */
  | { code: 'invalid'; message: string }
  /** A repeated group that repeats inside or has alternatives: exponential backtracking. */
  | { code: 'nestedRepeat' }
  /** A backreference (`\1`, `\k<name>`): matching it may backtrack without bound. */
  | { code: 'backreference' }
  /** More open-ended repeats than allowed. */
  | { code: 'tooManyRepeats'; max: number }
  /** It took `ms` on hostile messages, over the budget. */
  | { code: 'tooSlow'; ms: number; budgetMs: number };

/** A words line: its source, and the pattern when it is a `/regular expression/`. */
export interface HighlightLine {
  source: string;
  regex?: string;
}

/** The lines of a text area: trimmed, blank ones and repeats left out. */
export function highlightLines(text: string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || seen.has(line.toLowerCase())) continue;
    seen.add(line.toLowerCase());
    lines.push(line);
  }
  return lines;
}

/** `/pattern/` → the pattern; anything else → undefined (a word or phrase). */
export function regexSource(line: string): string | undefined {
  const match = /^\/(.+)\/$/s.exec(line.trim());
  return match?.[1];
}

/** A quantifier at `i`: whether it is open-ended, whether it repeats at all (`?` does not). */
const quantifierAt = (
  pattern: string,
  i: number,
): { open: boolean; repeats: boolean; length: number } | null => {
  const c = pattern[i];
  if (c === '*' || c === '+') return { open: true, repeats: true, length: 1 };
  if (c === '?') return { open: false, repeats: false, length: 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return null;
    const upper = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return { open: upper > LARGE_BOUND, repeats: upper > 1, length: m[0].length };
  }
  return null;
};

/**
 * What in a pattern could make it backtrack for long, read from the pattern alone: a repeated
 * group that repeats inside or has alternatives, a backreference, too many open-ended repeats.
 */
export function backtrackingRisk(pattern: string): RegexRefusal | undefined {
  /** Per open group: whether it holds a repeat or an alternative. */
  const groups: { risky: boolean }[] = [];
  let openRepeats = 0;
  /** Whether the token just closed was a group holding a repeat or an alternative. */
  let lastRisky = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return { code: 'backreference' };
      i += 1;
      lastRisky = false;
      continue;
    }
    if (c === '[') {
      // A character class: its content is one token.
      i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      lastRisky = false;
      continue;
    }
    if (c === '(') {
      groups.push({ risky: false });
      if (pattern[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        const m = /^\(\?(<[=!]|[:=!]|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i));
        if (m) i += m[0].length - 1;
      }
      lastRisky = false;
      continue;
    }
    if (c === ')') {
      const group = groups.pop();
      lastRisky = group?.risky ?? false;
      if (group?.risky && groups.length) groups[groups.length - 1]!.risky = true;
      continue;
    }
    if (c === '|') {
      if (groups.length) groups[groups.length - 1]!.risky = true;
      lastRisky = false;
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier) {
      if (quantifier.repeats && lastRisky) return { code: 'nestedRepeat' };
      if (quantifier.open) openRepeats += 1;
      if (openRepeats > MAX_OPEN_REPEATS) return { code: 'tooManyRepeats', max: MAX_OPEN_REPEATS };
      if (quantifier.repeats && groups.length) groups[groups.length - 1]!.risky = true;
      i += quantifier.length - 1;
      // A lazy or possessive-looking suffix belongs to the quantifier.
      if (pattern[i + 1] === '?') i += 1;
      lastRisky = false;
      continue;
    }
    lastRisky = false;
  }
  return undefined;
}

/** Compiles a regular expression line's pattern (any case), or says why it cannot be. */
export function compileRegex(pattern: string): RegExp | RegexRefusal {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'iu');
  } catch (error) {
    return { code: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
  return backtrackingRisk(pattern) ?? regex;
}

/** Messages built to make a regular expression backtrack: long runs of what it looks for. */
function hostileMessages(pattern: string): string[] {
  const chars = new Set(['a', '1', ' ', '_', '@', '.', '-']);
  for (const c of pattern.replace(/\\./g, '')) if (/[\p{L}\p{N}]/u.test(c)) chars.add(c);
  const messages: string[] = [];
  for (const c of chars) {
    const run = c.repeat(MAX_MESSAGE_LENGTH - 1);
    messages.push(`${run}!`, `${run}${c === 'a' ? '1' : 'a'}`);
  }
  messages.push('ab '.repeat(MAX_MESSAGE_LENGTH / 3));
  return messages;
}

/**
 * Checks a regular expression line at save time: compiled, free of the shapes that backtrack
 * without bound, then timed against hostile messages of Twitch's longest length.
 */
export function trialRegex(
  pattern: string,
  budgetMs = REGEX_TIME_BUDGET_MS,
  now: () => number = () => performance.now(),
): RegexRefusal | undefined {
  const compiled = compileRegex(pattern);
  if (!(compiled instanceof RegExp)) return compiled;
  const started = now();
  for (const message of hostileMessages(pattern)) {
    compiled.test(message);
    const spent = now() - started;
    if (spent > budgetMs) return { code: 'tooSlow', ms: Math.round(spent), budgetMs };
  }
  return undefined;
}

/** Per line of the words list: why it is refused, or nothing when it is fine. */
export function checkHighlightWords(
  lines: readonly string[],
  trial: (pattern: string) => RegexRefusal | undefined = (p) => trialRegex(p),
): { line: string; refusal: RegexRefusal }[] {
  const refused: { line: string; refusal: RegexRefusal }[] = [];
  for (const line of lines) {
    const pattern = regexSource(line);
    if (pattern === undefined) continue;
    const refusal = trial(pattern);
    if (refusal) refused.push({ line, refusal });
  }
  return refused;
}

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
/** Not a letter, digit or underscore on either side: whole words only. */
const BEFORE = '(?<![\\p{L}\\p{N}_])';
const AFTER = '(?![\\p{L}\\p{N}_])';

/** A word or phrase as a whole-word pattern; inner blanks match any run of blanks. */
export const wordPattern = (word: string) =>
  word
    .trim()
    .split(/\s+/)
    .map((part) => escapeRegex(part))
    .join('\\s+');

/** The highlight words, ready to run: one expression for every plain word, and each regex. */
export interface CompiledWords {
  /** Every plain word and phrase in one alternation (whole words, any case). */
  words?: RegExp;
  /** Each accepted `/regular expression/` line. */
  regexes: { source: string; regex: RegExp }[];
}

/**
 * Compiles the words list. Refused regular expression lines are left out (the options page
 * refuses them at save time; a list from elsewhere — another computer, a file — is checked from
 * its pattern here, without the timed trial).
 */
export function compileWords(lines: readonly string[]): CompiledWords {
  const plain: string[] = [];
  const regexes: CompiledWords['regexes'] = [];
  for (const line of lines) {
    const pattern = regexSource(line);
    if (pattern === undefined) {
      const word = wordPattern(line);
      if (word) plain.push(word);
      continue;
    }
    const compiled = compileRegex(pattern);
    if (compiled instanceof RegExp) regexes.push({ source: line, regex: compiled });
  }
  // Longest first, so "good game" wins over "good" when both are listed.
  plain.sort((a, b) => b.length - a.length);
  return {
    ...(plain.length ? { words: new RegExp(`${BEFORE}(?:${plain.join('|')})${AFTER}`, 'iu') } : {}),
    regexes,
  };
}

/** The first highlight word or regex line a text matches, or undefined. */
export function matchWords(compiled: CompiledWords, text: string): string | undefined {
  if (compiled.words) {
    const found = compiled.words.exec(text);
    if (found) return found[0];
  }
  for (const { source, regex } of compiled.regexes) if (regex.test(text)) return source;
  return undefined;
}

/** A highlight users line as a login: without `@`, lower case; undefined when not a login. */
export function userLogin(line: string): string | undefined {
  const login = line.trim().replace(/^@/, '').toLowerCase();
  return /^\w{1,25}$/.test(login) ? login : undefined;
}

/** Whole-word `@name`, any case: a mention written by hand. */
export function mentionPattern(names: readonly string[]): RegExp | undefined {
  const list = [...new Set(names.filter(Boolean).map((n) => escapeRegex(n)))];
  if (!list.length) return undefined;
  return new RegExp(`${BEFORE}@(?:${list.join('|')})${AFTER}`, 'iu');
}
