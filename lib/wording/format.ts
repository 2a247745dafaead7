/**
 * Numbers, amounts and plurals in words, through `Intl`: the one place that knows the language
 * the words are in.
 */
import { isObject, num, str } from '../twitch/fields';

export const LOCALE = 'en-US';

const numbers = new Intl.NumberFormat(LOCALE);
const plurals = new Intl.PluralRules(LOCALE);

/** "1,234". */
export function count(value: number): string {
  return numbers.format(value);
}

/** Whether a count takes the singular ("1 viewer", "in the last minute"). */
export function isOne(value: number): boolean {
  return plurals.select(value) === 'one';
}

/** "1 viewer", "1,234 viewers". */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${isOne(value) ? one : many}`;
}

/** "Tier 1" from Twitch's "1000" / "2000" / "3000". */
export function tierName(tier: string | undefined): string | undefined {
  if (tier === undefined) return undefined;
  const match = /^([123])000$/.exec(tier);
  return match ? `Tier ${match[1]}` : tier;
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
    const parts = new Intl.NumberFormat(LOCALE, {
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
    return `${new Intl.NumberFormat(LOCALE, digits).format(amount)} ${currency}`.trim();
  }
}
