/**
 * Command-line flags for the simulator CLI, read with `node:util` `parseArgs`: `--name value`,
 * `--name=value`, `--flag`, `--no-flag`. Dashed names are camel-cased (`--notice-type` →
 * `noticeType`); each flag's kind says how its value is read.
 */
import { parseArgs as parseFlags, type ParseArgsConfig } from 'node:util';

type Kind = 'string' | 'number' | 'boolean' | 'json' | 'list';

/** Every flag the CLI knows, by its dashed name. `--json '<whole body>'` carries anything else. */
const FLAGS: Record<string, Kind> = {
  // Starting the simulator (and `npm start`).
  port: 'number',
  world: 'string',
  log: 'boolean',
  help: 'boolean',
  browser: 'boolean',
  headless: 'boolean',
  build: 'boolean',
  // Operation bodies.
  json: 'json',
  overrides: 'json',
  scopes: 'list',
  channels: 'list',
  type: 'string',
  version: 'string',
  channel: 'string',
  'notice-type': 'string',
  user: 'string',
  text: 'string',
  to: 'string',
  from: 'string',
  'message-type': 'string',
  tier: 'string',
  reply: 'string',
  action: 'string',
  title: 'string',
  category: 'string',
  'session-id': 'string',
  login: 'string',
  reason: 'string',
  id: 'string',
  'message-id': 'string',
  kind: 'string',
  'superseded-end': 'string',
  'cdn-fault': 'string',
  'helix-jitter-ms': 'number',
  path: 'string',
  'client-id': 'string',
  token: 'string',
  state: 'string',
  /** A number for failHelix, a word for revokeSubscription. */
  status: 'string',
  bits: 'number',
  amount: 'number',
  viewers: 'number',
  rate: 'number',
  count: 'number',
  'duration-ms': 'number',
  code: 'number',
  'grace-ms': 'number',
  'reset-seconds': 'number',
  limit: 'number',
  since: 'number',
  'reconnect-grace-ms': 'number',
  'unused-timeout-ms': 'number',
  'reconnect-close-delay-ms': 'number',
  'superseded-close-code': 'number',
  'expires-in-seconds': 'number',
  'interval-ms': 'number',
  live: 'boolean',
  wait: 'boolean',
  on: 'boolean',
  terminate: 'boolean',
  interleave: 'boolean',
  frames: 'boolean',
  'revoke-subscriptions': 'boolean',
  step: 'boolean',
};

const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const OPTIONS: ParseArgsConfig['options'] = Object.fromEntries(
  Object.entries(FLAGS).map(([name, kind]) => [
    name,
    { type: kind === 'boolean' ? 'boolean' : 'string' },
  ]),
);

/**
 * A boolean flag may also be written with a value, as `--live false` or `--on=true`: that is
 * rewritten to the `--no-live` / `--on` form parseArgs reads.
 */
function foldBooleanValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--([a-z][a-z-]*?)(?:=(true|false))?$/.exec(arg);
    if (!m || FLAGS[m[1] ?? ''] !== 'boolean') {
      out.push(arg);
      continue;
    }
    let value = m[2];
    const next = argv[i + 1];
    if (value === undefined && (next === 'true' || next === 'false')) {
      value = next;
      i++;
    }
    out.push(value === 'false' ? `--no-${m[1]}` : `--${m[1]}`);
  }
  return out;
}

function convert(name: string, kind: Kind, value: string): unknown {
  if (value === 'null') return null;
  switch (kind) {
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n))
        throw new Error(`--${name} takes a number, not "${value}"`);
      return n;
    }
    case 'json':
      return JSON.parse(value) as unknown;
    case 'list':
      return value.split(/[\s,]+/).filter(Boolean);
    default:
      if (value === 'true' || value === 'false') return value === 'true';
      if (name === 'status' && /^\d+$/.test(value)) return Number(value);
      return value;
  }
}

export function parseArgs(argv: string[]): {
  positional: string[];
  flags: Record<string, unknown>;
} {
  const { values, positionals } = parseFlags({
    args: foldBooleanValues(argv),
    options: OPTIONS,
    strict: true,
    allowPositionals: true,
    allowNegative: true,
  });
  const flags: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const kind = FLAGS[name] ?? 'string';
    flags[camel(name)] = typeof value === 'boolean' ? value : convert(name, kind, String(value));
  }
  return { positional: positionals, flags };
}
