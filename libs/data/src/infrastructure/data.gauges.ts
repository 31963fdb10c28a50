import type { Logger } from '@nestjs/common';
import type { Clock } from '@switchboard/platform';
import { performance } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';
import type { MetricRow, MetricsQuery } from '../domain/metrics.types';
import type { FactStore, PartitionPosition } from '../store/fact-store.port';

const DAY_MS = 24 * 60 * 60 * 1000;
const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/** Today's figures per domain: name, help, value of a domain row (null: no sample). */
const DOMAIN_GAUGES: readonly (readonly [string, string, (row: MetricRow) => number | null])[] = [
  ['consultations_opened', 'Consultations opened', (r) => r.opened],
  ['consultations_abandoned', 'Consultations closed before any assignment', (r) => r.abandoned],
  ['consultations_resolved', 'Consultations resolved', (r) => r.resolved],
  [
    'first_response_avg_seconds',
    'Average first response time',
    (r) => seconds(r.firstResponseAvgMs),
  ],
  ['response_avg_seconds', 'Average response time', (r) => seconds(r.responseAvgMs)],
  ['resolution_avg_seconds', 'Average resolution time', (r) => seconds(r.resolutionAvgMs)],
  ['queue_wait_avg_seconds', 'Average queue wait', (r) => seconds(r.queueWaitAvgMs)],
  ['handle_time_seconds', 'Handle time summed across transfers', (r) => r.handleTimeMs / 1000],
  ['csat_avg', 'Mean satisfaction score (1..5)', (r) => r.csatAvg],
  ['conversions', 'Consultations followed by an order in the window', (r) => r.conversions],
  ['conversion_rate', 'Conversions / consultations opened (0..1)', (r) => r.conversionRate],
];

export interface DataGaugeSources {
  readonly report: (query: MetricsQuery) => Promise<{ readonly rows: readonly MetricRow[] }>;
  readonly store: Pick<FactStore, 'count' | 'positions'>;
  readonly clock: Clock;
  readonly conversionWindowMs: number;
  readonly cacheMs: number;
  readonly logger: Pick<Logger, 'warn'>;
  /** The projector's counters since the process started (absent: no projector gauges). */
  readonly projectorStats?: () => {
    readonly projected: number;
    readonly skipped: number;
    readonly deadLettered: number;
    readonly running: boolean;
  };
  /** Monotonic milliseconds for the cache (default `performance.now`). */
  readonly monotonicMs?: () => number;
}

/** One scrape's figures; a part that could not be read is undefined. */
interface Snapshot {
  readonly rows: readonly MetricRow[] | undefined;
  readonly facts: number | undefined;
  readonly positions: readonly PartitionPosition[] | undefined;
}

/**
 * The read model as Prometheus gauges, computed when `/metrics` is scraped: today's (UTC)
 * figures per domain (`switchboard_data_*{domain}`; they start again from zero at midnight UTC,
 * hence gauges, not counters), the number of facts stored and the offset the projector applied
 * per topic partition. All gauges of one scrape share one computation, reused for `cacheMs` so
 * a burst of scrapes does not recompute.
 */
export function registerDataGauges(registry: Registry, sources: DataGaugeSources): void {
  const snapshot = cachedSnapshot(sources);
  for (const [name, help, read] of DOMAIN_GAUGES) {
    new Gauge({
      name: `switchboard_data_${name}`,
      help: `${help}, today (UTC), per domain.`,
      labelNames: ['domain'],
      registers: [registry],
      async collect() {
        const current = await snapshot();
        this.reset();
        for (const row of current.rows ?? []) {
          const value = read(row);
          if (value !== null) this.set({ domain: row.key }, value);
        }
      },
    });
  }
  new Gauge({
    name: 'switchboard_data_facts',
    help: 'Facts stored in the data read model.',
    registers: [registry],
    async collect() {
      const current = await snapshot();
      this.reset();
      if (current.facts !== undefined) this.set(current.facts);
    },
  });
  new Gauge({
    name: 'switchboard_data_projector_offset',
    help: 'Last offset whose facts the data projector stored, per topic partition.',
    labelNames: ['topic', 'partition'],
    registers: [registry],
    async collect() {
      const current = await snapshot();
      this.reset();
      for (const { topic, partition, offset } of current.positions ?? []) {
        this.set({ topic, partition: String(partition) }, Number(offset));
      }
    },
  });
  if (sources.projectorStats !== undefined)
    registerProjectorGauges(registry, sources.projectorStats);
}

function registerProjectorGauges(
  registry: Registry,
  stats: NonNullable<DataGaugeSources['projectorStats']>,
): void {
  new Gauge({
    name: 'switchboard_data_projector_messages',
    help: 'Topic messages the data projector handled since the process started, by outcome.',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const { projected, skipped, deadLettered } = stats();
      this.set({ outcome: 'projected' }, projected);
      this.set({ outcome: 'skipped' }, skipped);
      this.set({ outcome: 'dead_lettered' }, deadLettered);
    },
  });
  new Gauge({
    name: 'switchboard_data_projector_running',
    help: '1 while the data projector is a member of its consumer group.',
    registers: [registry],
    collect() {
      this.set(stats().running ? 1 : 0);
    },
  });
}

function cachedSnapshot(sources: DataGaugeSources): () => Promise<Snapshot> {
  const now = sources.monotonicMs ?? (() => performance.now());
  let cached: { readonly at: number; readonly value: Promise<Snapshot> } | undefined;
  return () => {
    if (cached === undefined || now() - cached.at >= sources.cacheMs) {
      cached = { at: now(), value: takeSnapshot(sources) };
    }
    return cached.value;
  };
}

/**
 * A part that fails is logged and left out of this scrape (its gauges have no samples) rather
 * than failing `/metrics`; the other parts are still reported.
 */
async function takeSnapshot(sources: DataGaugeSources): Promise<Snapshot> {
  const startMs = Math.floor(sources.clock.now().getTime() / DAY_MS) * DAY_MS;
  const [report, facts, positions] = await Promise.allSettled([
    sources.report({
      from: new Date(startMs).toISOString(),
      to: new Date(startMs + DAY_MS).toISOString(),
      bucket: 'day',
      dimension: 'domain',
      timeZone: 'UTC',
      conversionWindowMs: sources.conversionWindowMs,
    }),
    sources.store.count(),
    sources.store.positions(),
  ]);
  const value = <T>(result: PromiseSettledResult<T>): T | undefined => {
    if (result.status === 'fulfilled') return result.value;
    sources.logger.warn(`Data gauges: a figure was not computed: ${String(result.reason)}`);
    return undefined;
  };
  return { rows: value(report)?.rows, facts: value(facts), positions: value(positions) };
}
