/** The table the benchmark prints at the end: one row per measure, its result and its target. */
import type { BundleRow } from './machine';
import { INGEST_SECONDS, LOAD_MESSAGES, log } from './options';
import { mb, type Distribution } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

type Row = [string, string, string];

function fmt(d: Distribution | undefined): string {
  return d ? `${d.p50} / ${d.p95} / ${d.p99} ms (n=${d.n})` : 'n/a';
}

export function printTable(rows: Row[]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}

/** The rows for the results `run.ts` collected, headed by the column names. */
export function reportRows(r: Record<string, any>): Row[] {
  const b = (name: string) => r.bundles.find((x: BundleRow) => x.page === name) as BundleRow;
  return [
    ['measure', 'result', 'target'],
    [
      'ingest: highest sustained rate, zero loss',
      `${r.sustainedRate.toLocaleString('en-US')} msg/s for ${INGEST_SECONDS} s${r.ingestHighlightWords ? `, ${r.ingestHighlightWords} highlight words` : ''}`,
      '≥ 5,000/s for 60 s',
    ],
    ...(r.ingest as any[]).map((run): [string, string, string] => [
      `  ${run.rate}/s for ${run.seconds} s`,
      `${run.pass ? 'pass' : 'FAIL'}: missing ${run.missing}/${run.sent}, commit ${fmt(run.frameToCommit)}, max ${run.frameToCommit?.max ?? '-'} ms`,
      '',
    ]),
    ['frame→commit, idle (p50/p95/p99)', fmt(r.idle.frameToCommit), ''],
    ['frame→page, idle', fmt(r.idle.frameToPage), ''],
    ['frame→commit, 200/s', fmt(r.firehose200.frameToCommit), ''],
    ['frame→page, 200/s', fmt(r.firehose200.frameToPage), 'p95 < 50 ms'],
    ['frame→commit, 1,000/s', fmt(r.firehose1000.frameToCommit), ''],
    ['frame→page, 1,000/s', fmt(r.firehose1000.frameToPage), 'p95 < 100 ms'],
    [
      'longest task, streamer page, 1,000/s',
      `${r.firehose1000.longTasks.max} ms (${r.firehose1000.longTasks.count} tasks > 50 ms)`,
      '≤ 100 ms',
    ],
    [
      'stream.online → notification',
      `${r.notification.p50} / ${r.notification.p95} / ${r.notification.p99} ms (n=${r.notification.n}, missing ${r.notification.missing})`,
      'p95 < 500 ms',
    ],
    [
      'stream.online → notification, image CDN hanging',
      `${r.notificationCdnHanging.p50} / ${r.notificationCdnHanging.p95} / ${r.notificationCdnHanging.p99} ms (n=${r.notificationCdnHanging.n}, missing ${r.notificationCdnHanging.missing})`,
      'p95 < 500 ms',
    ],
    ...(r.forYouNotification
      ? [
          [
            'chat mention → "for you" notification',
            `${r.forYouNotification.p50} / ${r.forYouNotification.p95} / ${r.forYouNotification.p99} ms (n=${r.forYouNotification.n}, missing ${r.forYouNotification.missing})`,
            'p95 < 500 ms',
          ] as Row,
        ]
      : []),
    [
      `offscreen heap after ${LOAD_MESSAGES.toLocaleString('en-US')}`,
      `document ${r.afterLoad.heap.offscreenDocument.usedMB} MB + worker ${r.afterLoad.heap.listenerWorker?.usedMB ?? '?'} MB (after GC ${r.afterLoad.heap.offscreenDocument.afterGcMB} + ${r.afterLoad.heap.listenerWorker?.afterGcMB ?? '?'} MB)`,
      '< 40 MB',
    ],
    [
      'streamer page heap',
      `${r.afterLoad.heap.streamerPage.usedMB} MB (after GC ${r.afterLoad.heap.streamerPage.afterGcMB} MB)`,
      '',
    ],
    [
      'database after the load',
      `${mb(r.afterLoad.database.usage)} MB, ${r.afterLoad.database.chatLines} chat lines in ${r.afterLoad.database.chatBatches} rows`,
      `bounded (${r.afterLoad.retentionChatPerChannel} chat/channel)`,
    ],
    ['popup interactive', fmt(r.popupInteractive), '< 150 ms'],
    ['streamer page interactive', fmt(r.streamerInteractive), ''],
    ...(['popup', 'streamer', 'options', 'offscreen', 'background (service worker)'] as const).map(
      (name): [string, string, string] => [
        `bundle: ${name}`,
        `${b(name).rawKB} KB raw, ${b(name).gzipKB} KB gzip (${b(name).files} files)`,
        '',
      ],
    ),
  ];
}

/** The follows phases' rows (see follows.ts), headed by the column names. */
/** `--only popup`: the popup's opens with the follows' live channels. */
export function popupRows(f: Record<string, any>): Row[] {
  return [
    ['measure', 'result', 'target'],
    [`popup interactive, ${f.live} live`, fmt(f.popup.interactive), '< 150 ms'],
    [`popup: Live now listing all ${f.popup.rows}`, fmt(f.popup.liveListed), ''],
    ['load average (1 min), start / end', `${f.loadAverage.start} / ${f.loadAverage.end}`, ''],
  ];
}

export function followsRows(f: Record<string, any>): Row[] {
  const polls = (f.polls as any[]) ?? [];
  const perPoll = polls.map((p) => p.total).join(', ') || 'none seen';
  const followed = polls.map((p) => p.followedStreams).join(', ');
  return [
    ['measure', 'result', 'target'],
    [
      `follows: ${f.follows.toLocaleString('en-US')} followed, ${f.live} live`,
      `import ${f.importRequests} requests per refresh (hourly)`,
      `${Math.ceil(f.follows / 100)} (one per 100)`,
    ],
    [
      '  Helix requests per minute poll',
      `${perPoll} (Get Followed Streams: ${followed})`,
      `${Math.ceil(f.live / 100)} (one per 100 live)`,
    ],
    [
      '  Helix points per minute, idle',
      `${f.idle.helixPerMinute} (${f.idle.helixCalls} calls in ${f.idle.seconds} s)`,
      '≤ 800/min',
    ],
    ['  Helix points, busiest minute from sign-in', `${f.peakPerMinuteFromSignIn}`, '≤ 800/min'],
    [`  popup interactive, ${f.live} live`, fmt(f.popup.interactive), '< 150 ms'],
    [`  popup: Live now listing all ${f.popup.rows}`, fmt(f.popup.liveListed), ''],
    [
      `  five favorites' chat, ${f.chat.rate}/s together for ${f.chat.seconds} s`,
      `${f.chat.zeroLoss ? 'zero loss' : 'LOSS'}: ${(f.chat.perChannel as any[])
        .map((c) => `${c.stored}/${c.sent}`)
        .join(', ')}`,
      'zero loss',
    ],
    ...(f.idle.processes as any[]).map((p): Row => [
      `  extension process ${p.pid}: memory footprint`,
      `${p.footprintMB} MB (RSS ${p.rssMB} MB)`,
      '',
    ]),
    [
      '  extension CPU time, idle',
      `${f.idle.cpuSecondsPerHour} s per hour (${f.idle.cpuMs} ms in ${f.idle.seconds} s, scaled)`,
      '',
    ],
  ];
}
