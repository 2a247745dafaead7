/** The benchmark's command-line options and the constants every part of it shares. */
import { parseArgs } from 'node:util';

export const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rates: { type: 'string', default: '3000,5000,7000' },
    'ingest-seconds': { type: 'string' },
    out: { type: 'string' },
    page: { type: 'boolean', default: true },
    'only-ingest': { type: 'boolean', default: false },
    /** `follows`: only the follows phases (2,000 follows, five favorites' chat, idle processes). */
    only: { type: 'string' },
  },
  allowNegative: true,
});
export const QUICK = options.quick;
export const NO_PAGE = !options.page;
export const RATES = options.rates.split(',').map(Number);
export const INGEST_SECONDS = Number(options['ingest-seconds'] ?? (QUICK ? 10 : 60));
export const LOAD_MESSAGES = QUICK ? 20_000 : 100_000;
export const CHANNEL_ID = '100001'; // demo
export const LOGIN = 'demo_viewer';

export const log = (line: string) => process.stdout.write(`${line}\n`);
