import type { ConsumedMessage } from '@switchboard/bus';
import { defaultContractRegistry } from '@switchboard/contracts';
import type { Fact } from '@switchboard/data';
import { toFacts } from '@switchboard/data/domain/to-facts';
import { DataProjector } from '@switchboard/data/projection/data.projector';
import { SqliteFactStore } from '@switchboard/data/store/sqlite.fact-store';
import {
  configureFactConnection,
  ensureFactSchema,
} from '@switchboard/data/store/sqlite.fact-schema';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dayTraffic } from '../../libs/data/test/support/day-traffic';
import { formatRate, machineInfo, type BenchScenario } from '../bench.report';
import { envNumber } from '../support/stats';
import { optionValue } from '../bench.args';

/*
 * Rebuilding the data read model: N topic messages (seeded days of traffic, 2,000
 * consultations a day) through DataProjector.applyBatch (parse + contract check + toFacts +
 * one SqliteFactStore append per batch, positions included) into a temp FILE. Baselines in the
 * same run, on the same messages, chunk by chunk (so machine noise hits every side): parse +
 * toFacts without a store, and a plain prepared-INSERT loop of the same facts into the same
 * schema and pragmas, in transactions of the same size. Generating the traffic is not timed.
 */

const DEFAULT_EVENTS = 1_000_000;
const BATCH = 5_000;
const CONSULTATIONS_PER_DAY = 2_000;
const TARGET_EVENTS_PER_SECOND = 20_000;

/** `--events N` / `--events=N` (or `REPLAY_EVENTS=N`) for a quick run. */
function eventsWanted(): number {
  const arg = optionValue('--events');
  const value = arg === undefined ? envNumber('REPLAY_EVENTS', DEFAULT_EVENTS) : Number(arg);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--events: a positive integer, not ${arg}`);
  return value;
}

/** Days of traffic with offsets running on across days, as one long topic history. */
function* history(total: number): Generator<ConsumedMessage[]> {
  const offsets = new Map<string, number>();
  let produced = 0;
  for (let day = 0; produced < total; day++) {
    const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const messages = dayTraffic({
      seed: 1000 + day,
      day: date,
      consultations: CONSULTATIONS_PER_DAY,
      agents: 40,
    })
      .slice(0, total - produced)
      .map((m) => {
        const slot = `${m.topic}:${m.partition}`;
        const offset = offsets.get(slot) ?? 0;
        offsets.set(slot, offset + 1);
        return { ...m, offset: String(offset) };
      });
    produced += messages.length;
    yield messages;
  }
}

function timed<T>(body: () => T): [T, number] {
  const start = performance.now();
  const result = body();
  return [result, performance.now() - start];
}

export const replayScenario: BenchScenario = {
  name: 'replay',
  description: 'Read-model rebuild: 1M topic messages through the projector into SqliteFactStore',
  async run(log) {
    const total = eventsWanted();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-replay-'));
    const store = await SqliteFactStore.open({ filename: join(dir, 'replay.db') });
    const raw = new Database(join(dir, 'raw.db'));
    configureFactConnection(raw);
    ensureFactSchema(raw);
    const insert = raw.prepare(
      'INSERT OR IGNORE INTO facts (id, subject, kind, at, revision, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertAll = raw.transaction((facts: readonly Fact[]) => {
      for (const f of facts)
        insert.run(f.id, f.subject, f.kind, f.at, f.revision, JSON.stringify(f.data));
    });
    const projector = new DataProjector({
      store,
      logger: { warn: () => undefined, error: () => undefined },
    });
    try {
      let events = 0;
      let facts = 0;
      let deadLettered = 0;
      let replayMs = 0;
      let replayCpuMs = 0;
      let parseMs = 0;
      let rawMs = 0;
      let rawFacts = 0;
      let nextLog = 100_000;
      // As rebuildReadModel does: the read indexes are built once at the end (timed below).
      let bulkStarted = performance.now();
      await store.beginBulkLoad();
      replayMs += performance.now() - bulkStarted;
      for (const day of history(total)) {
        for (let n = 0; n < day.length; n += BATCH) {
          const batch = day.slice(n, n + BATCH);
          const [mapped, parseTime] = timed(() =>
            batch.flatMap((m) => toFacts(m.topic, defaultContractRegistry.parse(m.value, m.topic))),
          );
          parseMs += parseTime;
          const started = performance.now();
          const cpu = process.cpuUsage();
          const outcome = await projector.applyBatch(batch);
          replayMs += performance.now() - started;
          const used = process.cpuUsage(cpu);
          replayCpuMs += (used.user + used.system) / 1000;
          rawMs += timed(() => insertAll(mapped))[1];
          rawFacts += mapped.length;
          events += batch.length;
          facts += outcome.facts;
          deadLettered += outcome.deadLettered;
        }
        if (events >= nextLog) {
          log(
            `${formatRate(events).padStart(9)} events: ${formatRate((events * 1000) / replayMs)} events/s so far`,
          );
          nextLog = events + 100_000;
        }
      }
      bulkStarted = performance.now();
      const cpuEnd = process.cpuUsage();
      await store.endBulkLoad();
      const indexMs = performance.now() - bulkStarted;
      replayMs += indexMs;
      const usedEnd = process.cpuUsage(cpuEnd);
      replayCpuMs += (usedEnd.user + usedEnd.system) / 1000;
      log(`read indexes built at the end in ${(indexMs / 1000).toFixed(1)} s (included)`);
      const stored = await store.count();
      const replay = (events * 1000) / replayMs;
      // On a shared machine wall time includes waiting for a core; CPU time shows the work.
      const perCpuSecond = (events * 1000) / replayCpuMs;
      const parse = (events * 1000) / parseMs;
      const rawRate = (events * 1000) / (parseMs + rawMs);
      log(
        `replay (applyBatch → SqliteFactStore): ${formatRate(replay)} events/s, ${formatRate(facts)} facts (${formatRate(stored)} stored); ${formatRate(perCpuSecond)} events per CPU-second`,
      );
      log(`baseline parse + toFacts, no store:   ${formatRate(parse)} events/s`);
      log(
        `baseline parse + raw INSERT loop:      ${formatRate(rawRate)} events/s (${formatRate((rawFacts * 1000) / rawMs)} rows/s)`,
      );
      const seconds = (ms: number) => Number((ms / 1000).toFixed(3));
      return {
        name: 'replay',
        results: {
          replay: {
            value: Math.round(replay),
            unit: 'events/s',
            count: events,
            facts,
            storedFacts: stored,
            deadLettered,
            seconds: seconds(replayMs),
            cpuSeconds: seconds(replayCpuMs),
            indexBuildSeconds: seconds(indexMs),
            eventsPerCpuSecond: Math.round(perCpuSecond),
            batch: BATCH,
          },
        },
        baseline: {
          parse_to_facts: {
            value: Math.round(parse),
            unit: 'events/s',
            count: events,
            seconds: seconds(parseMs),
          },
          parse_raw_insert: {
            value: Math.round(rawRate),
            unit: 'events/s',
            count: events,
            rows: rawFacts,
            seconds: seconds(parseMs + rawMs),
            rowsPerSecond: Math.round((rawFacts * 1000) / rawMs),
            method: `toFacts, then prepared INSERT OR IGNORE in transactions of ${BATCH} messages' facts`,
          },
        },
        ratio: {
          replay_vs_parse_raw_insert: Number((replay / rawRate).toFixed(3)),
          replay_vs_parse_to_facts: Number((replay / parse).toFixed(3)),
        },
        target: {
          replay_min: `>= ${formatRate(TARGET_EVENTS_PER_SECOND)} events/s over ${formatRate(events)} events`,
        },
        pass: { replay_min: replay >= TARGET_EVENTS_PER_SECOND },
        machine: machineInfo(),
      };
    } finally {
      await store.close();
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
