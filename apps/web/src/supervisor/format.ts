/**
 * How figures read on this screen, in one place so the charts' tables, the headline figures
 * and the browser tests agree. A missing figure (null: nothing was measured) is an em dash.
 */
export const NO_FIGURE = '—';

/** An average duration: "45.0 s", "6 min 45 s", "2 h 05 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_FIGURE;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A running clock (waiting time): "0:07", "12:30", "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A 0..1 share as a percentage with one decimal: "87.5 %". */
export function formatShare(share: number | null): string {
  return share === null ? NO_FIGURE : `${(share * 100).toFixed(1)} %`;
}

/** CSAT (1..5), workload (consultations) and QA totals: two decimals. */
export function formatScore(value: number | null): string {
  return value === null ? NO_FIGURE : value.toFixed(2);
}

/** The start of a bucket as the supervisor's calendar shows it, in the query's zone. */
export function formatBucket(iso: string, bucket: 'hour' | 'day', timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'day'
      ? { timeZone, weekday: 'short', day: 'numeric', month: 'short' }
      : { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
}

/** A moment in time, local to the browser: "4 Dec, 14:03". */
export function formatMoment(iso: string | null): string {
  if (iso === null) return NO_FIGURE;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** Ids are UUIDs: the first block is enough to tell them apart on screen. */
export const shortId = (id: string): string => id.slice(0, 8);
