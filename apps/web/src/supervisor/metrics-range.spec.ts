import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed } from './format';
import { addDays, dateIn, metricsQuery, presetOf, presetRange } from './metrics-range';

// 23:30 UTC on 4 December is already 5 December in Berlin.
const NOW = new Date('2026-12-04T23:30:00Z');

describe('metrics range', () => {
  it('takes "today" in the browser zone, bucketed by hour', () => {
    expect(dateIn('UTC', NOW)).toBe('2026-12-04');
    expect(presetRange('today', 'Europe/Berlin', NOW)).toEqual({
      from: '2026-12-05',
      to: '2026-12-05',
      bucket: 'hour',
      timeZone: 'Europe/Berlin',
    });
  });

  it('counts the last 7 and 30 days back from today, inclusive, by day', () => {
    expect(presetRange('7d', 'UTC', NOW)).toMatchObject({ from: '2026-11-28', to: '2026-12-04' });
    expect(presetRange('30d', 'UTC', NOW)).toMatchObject({
      from: '2026-11-05',
      to: '2026-12-04',
      bucket: 'day',
    });
  });

  it('asks the API for the day after the last day (its `to` is exclusive), in the zone', () => {
    const query = new URLSearchParams(
      metricsQuery(
        { from: '2026-12-30', to: '2026-12-31', bucket: 'day', timeZone: 'Asia/Tokyo' },
        NOW,
      ),
    );
    expect(Object.fromEntries(query)).toEqual({
      from: '2026-12-30',
      to: '2027-01-01',
      bucket: 'day',
      timeZone: 'Asia/Tokyo',
      dimension: 'all',
    });
  });

  it('ends a range that reaches today now, rounded up to the minute', () => {
    const week = presetRange('7d', 'UTC', NOW);
    const to = new URLSearchParams(metricsQuery(week, new Date('2026-12-04T23:30:10Z'))).get('to');
    expect(to).toBe('2026-12-04T23:31:00.000Z');
    // A range from tomorrow on has not begun: its day bounds stay.
    const ahead = { ...week, from: '2026-12-05', to: '2026-12-06' };
    expect(new URLSearchParams(metricsQuery(ahead, NOW)).get('to')).toBe('2026-12-07');
  });

  it('adds calendar days across a DST change and a leap day', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-05', -6)).toBe('2026-11-29');
  });

  it('recognises a preset range and nothing else', () => {
    const week = presetRange('7d', 'UTC', NOW);
    expect(presetOf(week, NOW)).toBe('7d');
    expect(presetOf({ ...week, from: addDays(week.from, -1) }, NOW)).toBeUndefined();
  });
});

describe('figures as text', () => {
  it('reads durations at the scale they have', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(117)).toBe('0.1 s');
    expect(formatDuration(45_000)).toBe('45.0 s');
    expect(formatDuration(405_000)).toBe('6 min 45 s');
    expect(formatDuration(7_500_000)).toBe('2 h 05 min');
  });

  it('runs waiting clocks as m:ss and h:mm:ss', () => {
    expect(formatElapsed(-5)).toBe('0:00');
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });
});
