import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time';

describe('isoTime', () => {
  it('is toISOString for any instant, whatever was asked before', () => {
    const base = Date.UTC(2026, 11, 5, 9, 0, 0, 123);
    // More distinct instants than the cache holds, interleaved and repeated.
    const instants = [0, 1, 60_000, 1, 0, 86_400_000, 59_999, 60_000, 7, 0, -1, 1].map(
      (offset) => base + offset,
    );
    for (const time of [...instants, ...instants.reverse()]) {
      expect(isoTime(time)).toBe(new Date(time).toISOString());
      expect(isoTime(new Date(time))).toBe(new Date(time).toISOString());
    }
    expect(isoTime(new Date('1969-12-31T23:59:59.999Z'))).toBe('1969-12-31T23:59:59.999Z');
  });

  it('throws RangeError for an invalid date, as toISOString does, also right after a valid one', () => {
    isoTime(Date.UTC(2026, 0, 1));
    expect(() => isoTime(new Date('not a date'))).toThrow(RangeError);
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(8.64e15 + 1)).toThrow(RangeError);
  });
});
