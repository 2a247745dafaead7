import { describe, expect, it } from 'vitest';
import {
  gapInWindow,
  gapsByKind,
  gapsOf,
  reconcile,
  transitions,
  type LiveSample,
} from '../../bench/soak-gaps';

const log = (...pairs: [number, boolean][]): LiveSample[] =>
  pairs.map(([at, live]) => ({ at, live }));

describe('soak: gaps from the simulator’s subscription states', () => {
  it('measures a gap from the last live moment to the next', () => {
    const samples = log([0, true], [25, true], [50, false], [75, false], [100, false], [125, true]);
    expect(gapsOf(samples)).toEqual([{ start: 25, end: 125, ms: 100 }]);
  });

  it('finds no gap while a socket always holds live subscriptions', () => {
    expect(gapsOf(log([0, true], [25, true], [50, true]))).toEqual([]);
  });

  it('does not count the time before anything was listening', () => {
    expect(gapsOf(log([0, false], [25, false], [50, true], [75, true]))).toEqual([]);
  });

  it('closes a gap still open at the end of the log with `until`', () => {
    const samples = log([0, true], [25, false], [50, false]);
    expect(gapsOf(samples, 1_000)).toEqual([{ start: 0, end: null, ms: 1_000 }]);
    expect(gapsOf(samples)).toEqual([{ start: 0, end: null, ms: 50 }]);
  });

  it('finds each of several gaps', () => {
    const samples = log([0, true], [10, false], [20, true], [30, true], [40, false], [90, true]);
    expect(gapsOf(samples).map((g) => g.ms)).toEqual([20, 60]);
  });

  it('gives the same gaps from the compact log of changes as from every sample', () => {
    const every = log(
      [0, true],
      [25, true],
      [50, true],
      [75, false],
      [100, false],
      [125, true],
      [150, true],
    );
    const compact = transitions(every);
    expect(compact.length).toBeLessThan(every.length);
    expect(gapsOf(compact)).toEqual(gapsOf(every));
  });

  it('charges a fault with the gaps that began in its window, in full', () => {
    const gaps = gapsOf(
      log(
        [0, true],
        [975, true],
        [1_000, false],
        [3_500, true],
        [5_975, true],
        [6_000, false],
        [6_200, true],
      ),
    );
    expect(gapInWindow(gaps, 500, 5_000)).toEqual({ gapMs: 2_525, gaps: 1 });
    expect(gapInWindow(gaps, 5_000, 10_000)).toEqual({ gapMs: 225, gaps: 1 });
    expect(gapInWindow(gaps, 2_000, 5_000)).toEqual({ gapMs: 0, gaps: 0 });
    expect(gapInWindow(gaps, 0, 10_000)).toEqual({ gapMs: 2_750, gaps: 2 });
  });

  it('counts a gap whose last live sample came just before the fault in that fault’s window', () => {
    // Sampled every 25 ms: the last live sample was 20 ms before the fault was applied.
    const gaps = gapsOf(log([980, true], [1_005, false], [3_000, true]));
    expect(gapInWindow(gaps, 1_000, 5_000)).toEqual({ gapMs: 0, gaps: 0 });
    expect(gapInWindow(gaps, 1_000, 5_000, 50)).toEqual({ gapMs: 2_020, gaps: 1 });
    expect(gapInWindow(gaps, 0, 1_000, 50)).toEqual({ gapMs: 0, gaps: 0 });
  });

  it('summarises the gaps per fault kind, windows without a gap counting as 0', () => {
    const byKind = gapsByKind([
      { kind: 'drop 4000', gapMs: 100 },
      { kind: 'drop 4000', gapMs: 0 },
      { kind: 'silent socket', gapMs: 11_000 },
    ]);
    expect(byKind['drop 4000']).toMatchObject({ n: 2, p50: 0, max: 100 });
    expect(byKind['silent socket']).toMatchObject({ n: 1, p95: 11_000 });
  });
});

describe('soak: what was delivered against what was stored', () => {
  it('finds the lost and the stored twice', () => {
    const result = reconcile(['a', 'b', 'c', 'd'], ['a', 'b', 'b', 'd', 'x']);
    expect(result.stored).toBe(3);
    expect(result.lost).toEqual(['c']);
    expect(result.storedTwice).toEqual(['b']);
  });
});
