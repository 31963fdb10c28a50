import type { MetricRow, MetricsDimension, MetricsQuery } from './metrics.types';
import type { Buckets } from './metrics-buckets';
import type { Observation, ObservationMetric, PresenceSlice } from './observation';

/** Row key of a figure whose group is unknown (consultation opened without a group). */
export const NO_GROUP = '(none)';

type Averaged =
  'firstResponse' | 'firstResponseBusiness' | 'response' | 'resolution' | 'queueWait' | 'rating';
const AVERAGED: readonly Averaged[] = [
  'firstResponse',
  'firstResponseBusiness',
  'response',
  'resolution',
  'queueWait',
  'rating',
];

interface Cell {
  readonly bucketStart: number;
  readonly key: string;
  readonly totals: Map<ObservationMetric, { sum: number; n: number }>;
  positive: number;
  online: number;
  occupied: number;
  held: number;
}

function keyOf(dimension: MetricsDimension, o: Observation): string | null {
  if (dimension === 'all') return 'all';
  if (dimension === 'agent') return o.agentId;
  if (dimension === 'group') return o.group ?? NO_GROUP;
  return o.domain;
}

/** Whether a figure passes the query's agent / group / domain filters. */
export function matchesFilters(query: MetricsQuery, o: Observation): boolean {
  return (
    (query.agentId === undefined || o.agentId === query.agentId) &&
    (query.group === undefined || (o.group ?? NO_GROUP) === query.group) &&
    (query.domain === undefined || o.domain === query.domain)
  );
}

/**
 * Sums figures (already filtered to the range and the query's filters) into rows per bucket and
 * dimension key, sorted by bucket then key. Presence slices count in `agent` and `all` rows only.
 */
export function toRows(
  query: MetricsQuery,
  b: Buckets,
  observations: readonly Observation[],
  slices: readonly PresenceSlice[],
): MetricRow[] {
  const cells = new Map<string, Cell>();
  const cell = (bucketStart: number, key: string): Cell => {
    const id = `${String(bucketStart)}\u0000${key}`;
    let found = cells.get(id);
    if (found === undefined) {
      found = { bucketStart, key, totals: new Map(), positive: 0, online: 0, occupied: 0, held: 0 };
      cells.set(id, found);
    }
    return found;
  };
  for (const o of observations) {
    const key = keyOf(query.dimension, o);
    if (key === null) continue;
    const target = cell(b.start(o.at), key);
    const total = target.totals.get(o.metric) ?? { sum: 0, n: 0 };
    total.sum += o.value;
    total.n += 1;
    target.totals.set(o.metric, total);
    if (o.metric === 'rating' && o.value >= 4) target.positive += 1;
  }
  const withPresence = query.dimension === 'agent' || query.dimension === 'all';
  for (const slice of withPresence ? slices : []) {
    const target = cell(slice.bucketStart, query.dimension === 'all' ? 'all' : slice.agentId);
    target.online += slice.onlineMs;
    target.occupied += slice.occupiedMs;
    target.held += slice.heldMs;
  }
  return [...cells.values()]
    .sort((x, y) => x.bucketStart - y.bucketStart || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((c) => toRow(query.dimension, c, withPresence));
}

function toRow(dimension: MetricsDimension, c: Cell, withPresence: boolean): MetricRow {
  const count = (metric: ObservationMetric): number => c.totals.get(metric)?.n ?? 0;
  const sum = (metric: ObservationMetric): number => c.totals.get(metric)?.sum ?? 0;
  const avg = {} as Record<Averaged, number | null>;
  for (const metric of AVERAGED) {
    const n = count(metric);
    avg[metric] =
      n === 0 ? null : metric === 'rating' ? sum(metric) / n : Math.round(sum(metric) / n);
  }
  const ratings = count('rating');
  const opened = count('opened');
  const online = c.online > 0;
  return {
    bucketStart: new Date(c.bucketStart).toISOString(),
    dimension,
    key: c.key,
    opened,
    assigned: count('assigned'),
    resolved: count('resolved'),
    closed: count('closed'),
    abandoned: count('abandoned'),
    transfers: count('transfers'),
    reopened: count('reopened'),
    firstResponseAvgMs: avg.firstResponse,
    firstResponseBusinessAvgMs: avg.firstResponseBusiness,
    responseAvgMs: avg.response,
    resolutionAvgMs: avg.resolution,
    handleTimeMs: sum('handle'),
    queueWaitAvgMs: avg.queueWait,
    onlineMs: withPresence ? c.online : null,
    occupiedMs: withPresence ? c.occupied : null,
    occupancy: online ? c.occupied / c.online : null,
    workloadAvg: online ? c.held / c.online : null,
    ratings,
    csatAvg: avg.rating,
    csatPositiveShare: ratings === 0 ? null : c.positive / ratings,
    conversions: count('conversion'),
    conversionAmountMinor: sum('conversion'),
    conversionRate: opened === 0 ? null : count('conversion') / opened,
  };
}
