import { DateTime } from 'luxon';
import type { MetricsBucket } from './metrics.types';

/** Cuts time into hours or days of one IANA zone (a DST day is 23 or 25 hours long). */
export interface Buckets {
  /** Start (epoch ms) of the bucket holding `ms`. */
  start(ms: number): number;
  /** Start of the bucket after the one starting at `start`. */
  next(start: number): number;
}

export function buckets(unit: MetricsBucket, zone: string): Buckets {
  return {
    start: (ms) => DateTime.fromMillis(ms, { zone }).startOf(unit).toMillis(),
    next: (start) =>
      DateTime.fromMillis(start, { zone })
        .plus(unit === 'hour' ? { hours: 1 } : { days: 1 })
        .startOf(unit)
        .toMillis(),
  };
}

/** [from, to) cut at bucket boundaries: one `[bucketStart, pieceStart, pieceEnd]` per bucket. */
export function splitByBuckets(
  b: Buckets,
  from: number,
  to: number,
): [bucketStart: number, start: number, end: number][] {
  const pieces: [number, number, number][] = [];
  for (let start = b.start(from), at = from; at < to; start = b.next(start), at = start) {
    pieces.push([start, at, Math.min(to, b.next(start))]);
  }
  return pieces;
}
