import { handleCommand, type HandleCommandOptions } from '@switchboard/es-core';
import { type EventData } from '@switchboard/event-store';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import {
  AGENT_STREAM_OPTIONS,
  toAgentEvent,
} from '@switchboard/consultation/application/command-context/agent-stream';
import {
  type AgentCommand,
  type AgentEvent,
  agentDecider,
  agentStream,
} from '@switchboard/consultation/domain';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineInfo, type BenchFigure, type BenchScenario } from '../bench.report';
import { envNumber, round, summarize } from '../support/stats';

/*
 * A command on an agent who has worked for months. An agent's stream grows by a take and a
 * release per consultation for ever, and every command on it (a release when a consultation
 * closes, a status change) used to fold the whole stream. Measured in one run, on one SQLite
 * file: the same release+take commands on a long stream (100,000 events: 50,000 consultations)
 * read from its latest snapshot, against two baselines without snapshots: the same long
 * stream folded from the start, and a short stream (1,000 events). Target: with snapshots the
 * long stream's p50 is within 2x the short stream's (history length no longer matters).
 */

const LONG_EVENTS = 100_000;
const SHORT_EVENTS = 1_000;
const COMMANDS = 200;
const WARM_UP = 20;

export const agentStreamScenario: BenchScenario = {
  name: 'agent-stream',
  description: 'Commands on a 100,000-event agent stream: from snapshots vs folded from the start',
  async run(log) {
    const longEvents = envNumber('AGENT_STREAM_EVENTS', LONG_EVENTS);
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-agent-stream-'));
    const store = await SqliteEventStore.open({ filename: join(dir, 'events.db') });
    try {
      await seed(store, 'long-full', longEvents);
      await seed(store, 'long-snap', longEvents);
      await seed(store, 'short', SHORT_EVENTS);
      const plain = { toDomainEvent: toAgentEvent };
      // `every`: the full fold takes seconds per pair, so that side runs every 10th round.
      const sides = [
        { key: 'short_stream', agentId: 'short', options: plain, every: 1 },
        { key: 'full_history', agentId: 'long-full', options: plain, every: 10 },
        { key: 'snapshots', agentId: 'long-snap', options: AGENT_STREAM_OPTIONS, every: 1 },
      ] as const;
      const latencies = new Map<string, number[]>(sides.map((s) => [s.key, []]));
      // Interleaved, one command pair per side per round, so machine noise hits every side.
      for (let round_ = 0; round_ < WARM_UP + COMMANDS; round_++) {
        for (const side of sides) {
          if (round_ % side.every !== 0) continue;
          const ms = await releaseAndTake(store, side.agentId, round_ / side.every, side.options);
          if (round_ >= WARM_UP) latencies.get(side.key)!.push(ms);
        }
      }
      const figure = (key: string, events: number): BenchFigure => {
        const s = summarize(latencies.get(key)!);
        return {
          value: round(s.p50, 3),
          unit: 'ms (p50, release + take)',
          p90Ms: round(s.p90, 3),
          p99Ms: round(s.p99, 3),
          maxMs: round(s.max, 3),
          streamEvents: events,
          commands: s.count,
        };
      };
      const results = { snapshots: figure('snapshots', longEvents) };
      const baseline = {
        short_stream: figure('short_stream', SHORT_EVENTS),
        full_history: figure('full_history', longEvents),
      };
      const snapshotStream = await store.readStream(
        AGENT_STREAM_OPTIONS.snapshots.streamOf(agentStream('long-snap')),
      );
      for (const [key, f] of Object.entries({ ...results, ...baseline })) {
        log(`${key.padEnd(13)} p50 ${f.value} ms, p99 ${f.p99Ms} ms (${f.streamEvents} events)`);
      }
      log(`snapshots written on the long stream: ${snapshotStream.length}`);
      const vsShort = round(results.snapshots.value / baseline.short_stream.value, 3);
      const vsFull = round(results.snapshots.value / baseline.full_history.value, 4);
      return {
        name: 'agent-stream',
        results,
        baseline,
        ratio: { snapshots_vs_short_stream: vsShort, snapshots_vs_full_history: vsFull },
        target: {
          snapshots_vs_short_stream: `p50 with snapshots <= 2x the ${SHORT_EVENTS}-event stream's`,
        },
        pass: { snapshots_vs_short_stream: vsShort <= 2 },
        machine: machineInfo(),
      };
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** An online agent with `events` events: registered, online, then taken/released pairs. */
async function seed(store: SqliteEventStore, agentId: string, events: number): Promise<void> {
  const at = '2026-12-05T09:00:00.000Z';
  const event = <T extends AgentEvent>(type: T['type'], data: T['data']): EventData => ({
    id: randomUUID(),
    type,
    data,
    metadata: { version: 1 },
  });
  const base = { agentId, name: null, capacity: 5, groups: ['desk'], skills: [], weight: 1 };
  const online = { agentId, status: 'online', previousStatus: 'offline', held: [], at } as const;
  let batch: EventData[] = [
    event('AgentRegistered', { ...base, status: 'offline', at }),
    event('AgentStatusChanged', online),
  ];
  const flush = async () => {
    await store.appendToStream(agentStream(agentId), batch);
    batch = [];
  };
  for (let i = 0; i < Math.floor((events - 2) / 2); i++) {
    const consultationId = `seed-${i}`;
    const taken = { agentId, consultationId, load: 1, capacity: 5, at };
    const released = { agentId, consultationId, load: 0, reason: 'closed', at };
    batch.push(
      event('AgentConsultationTaken', taken),
      event('AgentConsultationReleased', released),
    );
    if (batch.length >= 1_000) await flush();
  }
  if (batch.length > 0) await flush();
}

/** What closing one consultation and routing the next costs the agent's stream. */
async function releaseAndTake(
  store: SqliteEventStore,
  agentId: string,
  round_: number,
  options: HandleCommandOptions<AgentEvent>,
): Promise<number> {
  const metadata = (step: string) => ({
    commandId: `bench-${agentId}-${round_}-${step}`,
    now: new Date(),
  });
  const take = (consultationId: string): AgentCommand => ({
    type: 'takeConsultation',
    data: { consultationId },
    metadata: metadata('take'),
  });
  const release = (consultationId: string): AgentCommand => ({
    type: 'releaseConsultation',
    data: { consultationId, reason: 'closed' },
    metadata: metadata('release'),
  });
  const stream = agentStream(agentId);
  const start = performance.now();
  if (round_ > 0)
    await handleCommand(store, stream, agentDecider, release(`bench-${round_ - 1}`), options);
  await handleCommand(store, stream, agentDecider, take(`bench-${round_}`), options);
  return performance.now() - start;
}
