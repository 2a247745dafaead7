/** Command-line flags for the simulator CLI: `--name value`, `--name=value`, `--flag`, `--no-flag`. */

/** Flags whose values are numbers. */
const NUMERIC = new Set([
  'rate',
  'count',
  'durationMs',
  'amount',
  'bits',
  'code',
  'graceMs',
  'viewers',
  'resetSeconds',
  'limit',
  'since',
  'reconnectGraceMs',
  'unusedTimeoutMs',
  'reconnectCloseDelayMs',
  'supersededCloseCode',
  'expiresInSeconds',
]);
/** Flags whose values are JSON. */
const JSON_FLAGS = new Set(['overrides', 'json']);
/** Flags whose values are lists. */
const LIST_FLAGS = new Set(['scopes']);
const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function parseArgs(argv: string[]): {
  positional: string[];
  flags: Record<string, unknown>;
} {
  const positional: string[] = [];
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    let key = arg.slice(2);
    let value: string | undefined;
    const eq = key.indexOf('=');
    if (eq >= 0) {
      value = key.slice(eq + 1);
      key = key.slice(0, eq);
    } else if (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) {
      value = argv[++i];
    }
    if (key.startsWith('no-') && value === undefined) {
      flags[camel(key.slice(3))] = false;
      continue;
    }
    const name = camel(key);
    if (value === undefined) flags[name] = true;
    else if (value === 'true' || value === 'false') flags[name] = value === 'true';
    else if (value === 'null') flags[name] = null;
    else if (NUMERIC.has(name) || (name === 'status' && /^\d+$/.test(value)))
      flags[name] = Number(value);
    else if (JSON_FLAGS.has(name)) flags[name] = JSON.parse(value) as unknown;
    else if (LIST_FLAGS.has(name)) flags[name] = value.split(/[\s,]+/).filter(Boolean);
    else flags[name] = value;
  }
  return { positional, flags };
}
