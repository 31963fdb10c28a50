import {
  formatBucket,
  formatDuration,
  formatScore,
  formatShare,
} from '../../../apps/web/src/supervisor/format';
import type { MetricRow } from '../../../apps/web/src/supervisor/supervisor.types';

/** The four metric charts, by the title their data tables are named after. */
export const CHART_TITLES = [
  'First response time',
  'Resolution time',
  'Customer satisfaction (CSAT)',
  'Workload',
] as const;

/**
 * What each chart's table must show for one `GET /v1/metrics` row: the period in the page's
 * zone, then the figures as the screen writes them (apps/web/src/supervisor/format.ts).
 */
export function expectedCells(
  row: MetricRow,
  bucket: 'hour' | 'day',
  timeZone: string,
): Record<(typeof CHART_TITLES)[number], string[]> {
  const period = formatBucket(row.bucketStart, bucket, timeZone);
  return {
    'First response time': [period, formatDuration(row.firstResponseAvgMs)],
    'Resolution time': [period, String(row.resolved), formatDuration(row.resolutionAvgMs)],
    'Customer satisfaction (CSAT)': [
      period,
      String(row.ratings),
      formatScore(row.csatAvg),
      formatShare(row.csatPositiveShare),
    ],
    Workload: [
      period,
      formatShare(row.occupancy),
      formatScore(row.workloadAvg),
      formatDuration(row.onlineMs),
    ],
  };
}
