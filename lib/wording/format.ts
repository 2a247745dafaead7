/**
 * Numbers, amounts, dates, times and durations through `Intl`, in the browser's UI language
 * (`browser.i18n.getUILanguage()`): the one place that formats them. Words come from the
 * messages (lib/i18n.ts).
 */
import { t, uiLanguage } from '../i18n';
import { isObject, num, str } from '../twitch/fields';

const cache = new Map<string, unknown>();
/**
 * One formatter per language and options (they are costly to make, cheap to use), in the
 * language numbers and dates are written in ("de", "en-US").
 */
function formatter<T>(kind: string, options: object, make: (language: string) => T): T {
  const language = uiLanguage();
  const key = `${kind}|${language}|${JSON.stringify(options)}`;
  let made = cache.get(key) as T | undefined;
  if (made === undefined) {
    made = make(language);
    cache.set(key, made);
  }
  return made;
}

const numberFormat = (options: Intl.NumberFormatOptions = {}) =>
  formatter('number', options, (language) => new Intl.NumberFormat(language, options));

/** "1,234" (English), "1.234" (German). */
export function count(value: number): string {
  return numberFormat().format(value);
}

/** "Tier 1" from Twitch's "1000" / "2000" / "3000". */
export function tierName(tier: string | undefined): string | undefined {
  if (tier === undefined) return undefined;
  const match = /^([123])000$/.exec(tier);
  return match ? t('format.tier', [match[1]!]) : tier;
}

/**
 * Twitch's `{ value, decimal_places, currency }` money object as "12.50 USD": the amount with
 * the decimal places Twitch sent, then the currency's code.
 */
export function money(source: unknown): string | undefined {
  if (!isObject(source)) return undefined;
  const value = num(source, 'value');
  if (value === undefined) return undefined;
  const places = num(source, 'decimal_places') ?? num(source, 'decimal_place') ?? 0;
  const currency = str(source, 'currency') ?? '';
  const digits = { minimumFractionDigits: places, maximumFractionDigits: places };
  const amount = value / 10 ** places;
  try {
    const parts = numberFormat({
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      ...digits,
    }).formatToParts(amount);
    const figure = parts
      .filter((part) => part.type !== 'currency' && part.type !== 'literal')
      .map((part) => part.value)
      .join('');
    const code = parts.find((part) => part.type === 'currency')?.value ?? currency;
    return `${figure} ${code}`;
  } catch {
    // Not a currency code Intl knows (or none at all): the figure alone, then what Twitch said.
    return `${numberFormat(digits).format(amount)} ${currency}`.trim();
  }
}

/** "45 s", "12 min", "3 h": one unit of a duration, as the language abbreviates it. */
function unit(value: number, name: 'second' | 'minute' | 'hour'): string {
  return numberFormat({ style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
}

/** "30 sec" — an ad break's length. */
export function seconds(value: number): string {
  return unit(value, 'second');
}

/** "12 min", "3 hr 5 min": a duration in whole minutes. */
export function minutesDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return unit(minutes, 'minute');
  const rest = minutes % 60;
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}

/** "04:20 PM" (English), "16:20" (German): a time of day. */
export function clockTime(at: number | Date): string {
  const options = { hour: '2-digit', minute: '2-digit' } as const;
  return formatter('time', options, (l) => new Intl.DateTimeFormat(l, options)).format(at);
}

/** "Wed", "Mi.": a short weekday. */
export function weekday(at: number | Date): string {
  const options = { weekday: 'short' } as const;
  return formatter('weekday', options, (l) => new Intl.DateTimeFormat(l, options)).format(at);
}

/** A date and time in full, for a tooltip. */
export function dateTime(at: number | Date): string {
  const options = { dateStyle: 'medium', timeStyle: 'medium' } as const;
  return formatter('datetime', options, (l) => new Intl.DateTimeFormat(l, options)).format(at);
}

/** "just now", "45 seconds ago", "5 minutes ago", "3 hours ago", "2 days ago". */
export function relativeTime(at: number, now = Date.now()): string {
  const options = { numeric: 'always', style: 'long' } as const;
  const relative = formatter('relative', options, (l) => new Intl.RelativeTimeFormat(l, options));
  const elapsed = Math.round((now - at) / 1000);
  if (elapsed < 10) return t('format.justNow');
  if (elapsed < 60) return relative.format(-elapsed, 'second');
  const minutes = Math.round(elapsed / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  return relative.format(-Math.round(hours / 24), 'day');
}

/** "in 12 seconds": a time to come. */
export function inSeconds(value: number): string {
  const options = { numeric: 'always', style: 'long' } as const;
  const relative = formatter('relative', options, (l) => new Intl.RelativeTimeFormat(l, options));
  return relative.format(value, 'second');
}

/** "raids, cheers, follows": a list of names, as the language separates them. */
export function list(items: string[]): string {
  const options = { style: 'short', type: 'unit' } as const;
  return formatter('list', options, (l) => new Intl.ListFormat(l, options)).format(items);
}
