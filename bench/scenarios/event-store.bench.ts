import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRate, machineInfo, type BenchFigure, type BenchScenario } from '../bench.report';
import {
  prepareLog,
  rawAppends,
  rawPagedRead,
  rawRead,
  storeAppends,
  subscriptionRead,
  type Throughput,
} from './event-store.workloads';

/*
 * SqliteEventStore against better-sqlite3 alone, on a temp FILE (not :memory:) with the
 * adapter's pragmas. Appends: 1, 10 and 100 concurrent writers; baseline: the same rows in raw
 * transactions of 100 (and, for reference, one transaction per row). Catch-up: a subscription
 * reading 1,000,000 events vs a raw sequential read that parses the same JSON.
 */

const APPENDS_PER_LEVEL = 20_000;
const MAX_MS_PER_LEVEL = 8_000;
const WRITER_LEVELS = [1, 10, 100] as const;
const CATCH_UP_EVENTS = 1_000_000;
/** Runs per figure; the best counts (noise on a shared VM only ever slows a run down). */
const RUNS = 3;

const TARGET_RATIO = 0.5;
const TARGET_MIN_APPENDS = 10_000;

function best(runs: Throughput[]): Throughput {
  return runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
}

function figure(t: Throughput, unit: string, extra: Record<string, unknown> = {}): BenchFigure {
  return {
    value: Math.round(t.perSecond),
    unit,
    count: t.count,
    seconds: Number(t.seconds.toFixed(3)),
    ...(t.transactions === undefined ? {} : { transactions: t.transactions }),
    ...extra,
  };
}

export const eventStoreScenario: BenchScenario = {
  name: 'event-store',
  description: 'SqliteEventStore appends (group commit) and catch-up vs raw better-sqlite3',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
    let files = 0;
    const freshFile = (): string => join(dir, `events-${files++}.db`);
    try {
      const results: Record<string, BenchFigure> = {};
      const baseline: Record<string, BenchFigure> = {};

      // The raw baseline runs interleaved with the 100-writer runs (as many draws each), so a
      // burst of load from elsewhere on the machine hits both sides. Same row count, from a
      // fresh file: a grown file writes more index pages per commit.
      const rawRuns: Throughput[] = [];
      for (const writers of WRITER_LEVELS) {
        const runs: Throughput[] = [];
        for (let n = 0; n < RUNS; n++) {
          runs.push(await storeAppends(freshFile(), writers, APPENDS_PER_LEVEL, MAX_MS_PER_LEVEL));
          if (writers === 100)
            rawRuns.push(rawAppends(freshFile(), 100, APPENDS_PER_LEVEL, MAX_MS_PER_LEVEL));
        }
        const t = best(runs);
        const key = `appends_${writers}_writers`;
        results[key] = figure(t, 'appends/s', {
          writers,
          appendsPerTransaction: Number((t.count / t.transactions!).toFixed(1)),
        });
        log(
          `store, ${String(writers).padStart(3)} writers: ${formatRate(t.perSecond).padStart(9)} appends/s (${t.transactions} transactions)`,
        );
      }

      const raw100 = best(rawRuns);
      baseline.raw_tx100 = figure(raw100, 'rows/s', {
        rowsPerTransaction: 100,
        runs: rawRuns.length,
      });
      log(`raw, 100 rows/transaction: ${formatRate(raw100.perSecond).padStart(9)} rows/s`);
      const raw1 = rawAppends(freshFile(), 1, APPENDS_PER_LEVEL, 3_000);
      baseline.raw_tx1 = figure(raw1, 'rows/s', { rowsPerTransaction: 1, reference: true });
      log(
        `raw, 1 row/transaction:    ${formatRate(raw1.perSecond).padStart(9)} rows/s (reference)`,
      );

      const logFile = freshFile();
      prepareLog(logFile, CATCH_UP_EVENTS);
      const rawReads: Throughput[] = [];
      const pagedReads: Throughput[] = [];
      const subscriptionReads: Throughput[] = [];
      for (let n = 0; n < RUNS; n++) {
        // Interleaved, so no side gets all the warm page cache.
        rawReads.push(rawRead(logFile));
        pagedReads.push(rawPagedRead(logFile));
        subscriptionReads.push(await subscriptionRead(logFile, CATCH_UP_EVENTS));
      }
      const catchUp = best(subscriptionReads);
      const read = best(rawReads);
      const paged = best(pagedReads);
      results.catch_up = figure(catchUp, 'events/s');
      baseline.raw_read = figure(read, 'rows/s', { method: 'iterate() over one SELECT' });
      baseline.raw_paged_read = figure(paged, 'rows/s', { method: 'raw all() in pages of 1,000' });
      log(
        `catch-up subscription:     ${formatRate(catchUp.perSecond).padStart(9)} events/s over ${formatRate(catchUp.count)}`,
      );
      log(`raw read, iterate():       ${formatRate(read.perSecond).padStart(9)} rows/s`);
      log(`raw read, paged raw all(): ${formatRate(paged.perSecond).padStart(9)} rows/s`);

      const appendRatio = results.appends_100_writers!.value / baseline.raw_tx100.value;
      // Judged against the FASTER raw read, so the ratio cannot flatter the adapter.
      const catchUpRatio = results.catch_up.value / Math.max(read.perSecond, paged.perSecond);
      log(
        `ratios: 100 writers / raw tx100 = ${appendRatio.toFixed(2)}, catch-up / raw read = ${catchUpRatio.toFixed(2)}`,
      );
      return {
        name: 'event-store',
        results,
        baseline,
        ratio: {
          appends_100_writers_vs_raw_tx100: Number(appendRatio.toFixed(3)),
          catch_up_vs_raw_read: Number(catchUpRatio.toFixed(3)),
        },
        target: {
          appends_100_writers_vs_raw_tx100: `>= ${TARGET_RATIO} x raw better-sqlite3, 100 rows/transaction`,
          appends_100_writers_min: `>= ${formatRate(TARGET_MIN_APPENDS)} appends/s`,
          catch_up_vs_raw_read: `>= ${TARGET_RATIO} x the faster raw sequential read`,
        },
        pass: {
          appends_100_writers_vs_raw_tx100: appendRatio >= TARGET_RATIO,
          appends_100_writers_min: results.appends_100_writers!.value >= TARGET_MIN_APPENDS,
          catch_up_vs_raw_read: catchUpRatio >= TARGET_RATIO,
        },
        machine: machineInfo(),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
