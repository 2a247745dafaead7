/** The benchmark's command-line options and the constants every part of it shares. */
import { parseArgs } from 'node:util';

export const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    /** Every phase once with the least work: checks that the runner still works (`npm test`). */
    smoke: { type: 'boolean', default: false },
    rates: { type: 'string', default: '3000,5000,7000' },
    'ingest-seconds': { type: 'string' },
    out: { type: 'string' },
    page: { type: 'boolean', default: true },
    'only-ingest': { type: 'boolean', default: false },
    /**
     * `follows`: only the follows phases (2,000 follows, five favorites' chat, idle processes);
     * `popup`: only their popup opens.
     * `for-you`: only the "for you" rows (mention → notification, ingest with highlight words).
     */
    only: { type: 'string' },
    /** With `--only popup`: how many opens are counted (20), and a directory to trace them into. */
    'popup-runs': { type: 'string' },
    'popup-trace': { type: 'string' },
  },
  allowNegative: true,
});
export const SMOKE = options.smoke;
export const QUICK = options.quick || SMOKE;

/** How much of something a run does: a full run, `--quick`, `--smoke`. */
export const sized = <T>(full: T, quick: T, smoke: T): T => (SMOKE ? smoke : QUICK ? quick : full);

export const NO_PAGE = !options.page;
export const RATES = SMOKE ? [1_000] : options.rates.split(',').map(Number);
export const INGEST_SECONDS = Number(options['ingest-seconds'] ?? sized(60, 10, 3));
export const LOAD_MESSAGES = sized(100_000, 20_000, 2_000);
export const CHANNEL_ID = '100001'; // demo
export const LOGIN = 'demo_viewer';

export const log = (line: string) => process.stdout.write(`${line}\n`);
