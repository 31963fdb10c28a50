import type { FactStore } from '../store/fact-store.port';

/** What the metrics read: the query side of the FactStore port. */
export type FactReader = Pick<FactStore, 'find' | 'subjects'>;

export type MetricsBucket = 'hour' | 'day';
export type MetricsDimension = 'all' | 'agent' | 'group' | 'domain';

/** A weekly business-hours calendar; metrics with a `Business` suffix count only open time. */
export interface BusinessHours {
  /** IANA zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  /** Per ISO weekday 1 (Mon) … 7 (Sun): open intervals as `HH:mm` pairs; missing = closed. */
  readonly week: Readonly<
    Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly (readonly [string, string])[]>>
  >;
}

export interface MetricsQuery {
  /** ISO-8601 UTC, inclusive. */
  readonly from: string;
  /** ISO-8601 UTC, exclusive. */
  readonly to: string;
  readonly bucket: MetricsBucket;
  /** Rows per bucket and per agent / group / domain, or one row per bucket (`all`). */
  readonly dimension: MetricsDimension;
  /** Only rows of this agent / group / domain. */
  readonly agentId?: string;
  readonly group?: string;
  readonly domain?: string;
  /** An order counts as a conversion if placed within this time after the consultation opened. */
  readonly conversionWindowMs: number;
  /** Buckets are cut in this IANA zone (day = local midnight). Default `UTC`. */
  readonly timeZone?: string;
  readonly businessHours?: BusinessHours;
}

/**
 * One row: one bucket × one dimension key. Averages are null when nothing was measured.
 * Exact definitions (which event starts and stops each clock, which bucket a figure falls
 * in): `docs/metrics.md`.
 */
export interface MetricRow {
  readonly bucketStart: string;
  readonly dimension: MetricsDimension;
  /** Agent id, group name, domain, or `all`. */
  readonly key: string;
  readonly opened: number;
  readonly assigned: number;
  readonly resolved: number;
  readonly closed: number;
  readonly abandoned: number;
  readonly transfers: number;
  readonly reopened: number;
  readonly firstResponseAvgMs: number | null;
  readonly firstResponseBusinessAvgMs: number | null;
  readonly responseAvgMs: number | null;
  readonly resolutionAvgMs: number | null;
  readonly handleTimeMs: number;
  readonly queueWaitAvgMs: number | null;
  /** Agent dimension: time online in the bucket and time with ≥ 1 consultation while online. */
  readonly onlineMs: number | null;
  readonly occupiedMs: number | null;
  /** occupiedMs / onlineMs, 0..1; null without online time. */
  readonly occupancy: number | null;
  /** Average number of consultations held while online (time-weighted). */
  readonly workloadAvg: number | null;
  readonly ratings: number;
  /** Mean score 1..5. */
  readonly csatAvg: number | null;
  /** Share of ratings of 4 or 5, 0..1. */
  readonly csatPositiveShare: number | null;
  readonly conversions: number;
  readonly conversionAmountMinor: number;
  /** conversions / opened (consultations that led to at least one order), 0..1. */
  readonly conversionRate: number | null;
}

export interface MetricsReport {
  readonly query: MetricsQuery;
  readonly rows: readonly MetricRow[];
}

/** The ONE entry point of the metrics: `computeMetrics(reader, query)` in `metrics.ts`. */
export type ComputeMetrics = (reader: FactReader, query: MetricsQuery) => Promise<MetricsReport>;
