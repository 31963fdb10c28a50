/**
 * The range the metrics cover, as the supervisor picks it: calendar days (inclusive, in the
 * browser's IANA zone) and a bucket size. The API takes `to` exclusive and reads dates without
 * an offset in `timeZone`, so the query asks for the day after the last day shown.
 */
export type Bucket = 'hour' | 'day';

export interface MetricsRange {
  /** First day, YYYY-MM-DD. */
  readonly from: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  readonly to: string;
  readonly bucket: Bucket;
  readonly timeZone: string;
}

export const PRESETS = [
  { id: 'today', label: 'Today', days: 1 },
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
] as const;

export type PresetId = (typeof PRESETS)[number]['id'];

/** The browser's zone; the buckets are cut there, so a day starts at local midnight. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The calendar date of `at` in `timeZone`, YYYY-MM-DD. */
export function dateIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Calendar arithmetic on YYYY-MM-DD (no zone involved: a date is a date). */
export function addDays(date: string, days: number): string {
  const utc = new Date(`${date}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

/** The last `days` days up to today; a single day is bucketed by hour, longer ranges by day. */
export function presetRange(preset: PresetId, timeZone: string, now = new Date()): MetricsRange {
  const { days } = PRESETS.find((p) => p.id === preset)!;
  const today = dateIn(timeZone, now);
  return {
    from: addDays(today, 1 - days),
    to: today,
    bucket: days === 1 ? 'hour' : 'day',
    timeZone,
  };
}

/** Which preset a range is, if any (to mark its button as pressed). */
export function presetOf(range: MetricsRange, now = new Date()): PresetId | undefined {
  return PRESETS.find((p) => {
    const preset = presetRange(p.id, range.timeZone, now);
    return preset.from === range.from && preset.to === range.to;
  })?.id;
}

/**
 * The `GET /v1/metrics` query string of a range (every bucket, dimension `all`). A range that
 * reaches today ends now (rounded up to the minute) instead of at the coming midnight: the
 * data service counts an agent's last status as lasting until `to`, so asking for the whole
 * day would count the hours still to come as online time and dilute occupancy and workload.
 */
export function metricsQuery(range: MetricsRange, now = new Date()): string {
  const today = dateIn(range.timeZone, now);
  const endOfRange = addDays(range.to, 1);
  const reachesToday = range.to >= today && range.from <= today;
  const nextMinute = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 || 60_000);
  return new URLSearchParams({
    from: range.from,
    to: reachesToday ? nextMinute.toISOString() : endOfRange,
    bucket: range.bucket,
    timeZone: range.timeZone,
    dimension: 'all',
  }).toString();
}
