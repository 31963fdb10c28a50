import type { MetricRow } from '../domain/metrics.types';

/** Every MetricRow field, in the order of the CSV columns. */
export const METRIC_ROW_COLUMNS = [
  'bucketStart',
  'dimension',
  'key',
  'opened',
  'assigned',
  'resolved',
  'closed',
  'abandoned',
  'transfers',
  'reopened',
  'firstResponseAvgMs',
  'firstResponseBusinessAvgMs',
  'responseAvgMs',
  'resolutionAvgMs',
  'handleTimeMs',
  'queueWaitAvgMs',
  'onlineMs',
  'occupiedMs',
  'occupancy',
  'workloadAvg',
  'ratings',
  'csatAvg',
  'csatPositiveShare',
  'conversions',
  'conversionAmountMinor',
  'conversionRate',
] as const satisfies readonly (keyof MetricRow)[];

// A field added to MetricRow without a column fails to compile here.
type MissingColumn = Exclude<keyof MetricRow, (typeof METRIC_ROW_COLUMNS)[number]>;
const everyFieldHasAColumn: MissingColumn extends never ? true : MissingColumn = true;
void everyFieldHasAColumn;

const CRLF = '\r\n';
/** Leading characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 text: a header row, then one line per row; null is an empty cell. */
export function metricsCsv(rows: readonly MetricRow[]): string {
  const lines = [METRIC_ROW_COLUMNS.join(',')];
  for (const row of rows)
    lines.push(METRIC_ROW_COLUMNS.map((column) => cell(row[column])).join(','));
  return lines.join(CRLF) + CRLF;
}

/**
 * One cell. Numbers are ours and written as they are; text (keys are agent ids, group and
 * domain names that users chose) is neutralised with a leading `'` when a spreadsheet would
 * run it as a formula, then quoted when it holds a comma, quote or line break.
 */
export function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
