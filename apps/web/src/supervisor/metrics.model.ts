import { formatDuration, formatScore, formatShare } from './format';
import type { MetricRow } from './supervisor.types';

/** One plotted series: its value per row in the chart's unit (null = a gap). */
export interface Series {
  readonly label: string;
  readonly value: (row: MetricRow) => number | null;
  readonly kind: 'bar' | 'line';
  /** `y1`: the right-hand axis, for a second unit in the same chart. */
  readonly axis?: 'y' | 'y1';
}

/** One chart and its data table: the table shows the same rows as text. */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly series: readonly Series[];
  readonly yTitle: string;
  readonly y1Title?: string;
  readonly yMax?: number;
  readonly y1Max?: number;
  readonly columns: readonly { header: string; cell: (row: MetricRow) => string }[];
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);

/** The four charts of issue 7: response time, resolution time, CSAT, workload. */
export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'first-response',
    title: 'First response time',
    description: 'From opening (or reopening) to the first staff message, queue wait included.',
    series: [
      { label: 'First response (s)', value: (r) => seconds(r.firstResponseAvgMs), kind: 'line' },
    ],
    yTitle: 'seconds',
    columns: [
      { header: 'Average first response', cell: (r) => formatDuration(r.firstResponseAvgMs) },
    ],
  },
  {
    id: 'resolution',
    title: 'Resolution time',
    description: 'From opening (or reopening) to resolved.',
    series: [{ label: 'Resolution (min)', value: (r) => minutes(r.resolutionAvgMs), kind: 'line' }],
    yTitle: 'minutes',
    columns: [
      { header: 'Resolved', cell: (r) => String(r.resolved) },
      { header: 'Average resolution', cell: (r) => formatDuration(r.resolutionAvgMs) },
    ],
  },
  {
    id: 'csat',
    title: 'Customer satisfaction (CSAT)',
    description: 'Mean rating (1–5) of the ratings given in each period.',
    series: [{ label: 'CSAT (1–5)', value: (r) => r.csatAvg, kind: 'bar' }],
    yTitle: 'score',
    yMax: 5,
    columns: [
      { header: 'Ratings', cell: (r) => String(r.ratings) },
      { header: 'Average score', cell: (r) => formatScore(r.csatAvg) },
      { header: 'Rated 4 or 5', cell: (r) => formatShare(r.csatPositiveShare) },
    ],
  },
  {
    id: 'workload',
    title: 'Workload',
    description:
      'Occupancy: online time holding at least one consultation; load: consultations held.',
    series: [
      { label: 'Occupancy (%)', value: (r) => pct(r.occupancy), kind: 'bar' },
      { label: 'Average load', value: (r) => r.workloadAvg, kind: 'line', axis: 'y1' },
    ],
    yTitle: 'occupancy %',
    y1Title: 'consultations',
    yMax: 100,
    y1Max: 1,
    columns: [
      { header: 'Occupancy', cell: (r) => formatShare(r.occupancy) },
      { header: 'Average load', cell: (r) => formatScore(r.workloadAvg) },
      { header: 'Online time', cell: (r) => formatDuration(r.onlineMs) },
    ],
  },
];

function pct(share: number | null): number | null {
  return share === null ? null : share * 100;
}

/** Totals over the range, with the label each is shown under. */
export interface Headline {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
}

/**
 * Range totals from the bucket rows. Counts add up; an average is weighted by its number of
 * samples where the row carries it (resolutions by `resolved`, ratings by `ratings`, presence
 * by `onlineMs`), so it equals the figure for the whole range. First responses carry no sample
 * count per row, so theirs is the mean of the buckets' averages, and says so.
 */
export function headlines(rows: readonly MetricRow[]): Headline[] {
  const sum = (f: (r: MetricRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const weighted = (value: (r: MetricRow) => number | null, weight: (r: MetricRow) => number) => {
    let total = 0;
    let weights = 0;
    for (const row of rows) {
      const v = value(row);
      const w = weight(row);
      if (v !== null && w > 0) {
        total += v * w;
        weights += w;
      }
    }
    return weights === 0 ? null : total / weights;
  };
  const firstResponses = rows.flatMap((r) => (r.firstResponseAvgMs === null ? [] : [r]));
  const online = sum((r) => r.onlineMs ?? 0);
  return [
    { label: 'Opened', value: String(sum((r) => r.opened)) },
    { label: 'Resolved', value: String(sum((r) => r.resolved)) },
    {
      label: 'First response',
      value: formatDuration(
        firstResponses.length === 0
          ? null
          : Math.round(sum((r) => r.firstResponseAvgMs ?? 0) / firstResponses.length),
      ),
      note: 'mean of the periods’ averages',
    },
    {
      label: 'Resolution time',
      value: formatDuration(
        weighted(
          (r) => r.resolutionAvgMs,
          (r) => r.resolved,
        ),
      ),
    },
    {
      label: 'CSAT',
      value: formatScore(
        weighted(
          (r) => r.csatAvg,
          (r) => r.ratings,
        ),
      ),
    },
    { label: 'Ratings', value: String(sum((r) => r.ratings)) },
    {
      label: 'Occupancy',
      value: formatShare(online === 0 ? null : sum((r) => r.occupiedMs ?? 0) / online),
    },
  ];
}
