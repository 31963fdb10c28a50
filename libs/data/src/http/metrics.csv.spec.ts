import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../domain/metrics.types';
import { cell, METRIC_ROW_COLUMNS, metricsCsv } from './metrics.csv';

const row: MetricRow = {
  bucketStart: '2026-12-04T00:00:00.000Z',
  dimension: 'domain',
  key: 'travel',
  opened: 2,
  assigned: 2,
  resolved: 1,
  closed: 1,
  abandoned: 0,
  transfers: 0,
  reopened: 0,
  firstResponseAvgMs: 30_000,
  firstResponseBusinessAvgMs: null,
  responseAvgMs: 45_000.5,
  resolutionAvgMs: 600_000,
  handleTimeMs: 540_000,
  queueWaitAvgMs: 60_000,
  onlineMs: null,
  occupiedMs: null,
  occupancy: null,
  workloadAvg: null,
  ratings: 1,
  csatAvg: 4,
  csatPositiveShare: 1,
  conversions: 1,
  conversionAmountMinor: 12_999,
  conversionRate: 0.5,
};

describe('metricsCsv', () => {
  it('writes a header of every MetricRow field, then one CRLF line per row', () => {
    const csv = metricsCsv([row, { ...row, key: 'shop', opened: 0 }]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0].split(',')).toEqual([...METRIC_ROW_COLUMNS]);
    expect(new Set(METRIC_ROW_COLUMNS)).toEqual(new Set(Object.keys(row)));
    expect(lines[1]).toBe(
      '2026-12-04T00:00:00.000Z,domain,travel,2,2,1,1,0,0,0,30000,,45000.5,600000,540000,' +
        '60000,,,,,1,4,1,1,12999,0.5',
    );
    expect(lines[2].split(',')[2]).toBe('shop');
  });

  it('writes only the header without rows', () => {
    expect(metricsCsv([])).toBe(`${METRIC_ROW_COLUMNS.join(',')}\r\n`);
  });
});

describe('cell', () => {
  it('quotes per RFC 4180', () => {
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('two\nlines')).toBe('"two\nlines"');
    expect(cell('plain')).toBe('plain');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(cell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(cell('+1')).toBe("'+1");
    expect(cell('-2+3')).toBe("'-2+3");
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cell('\tcmd')).toBe("'\tcmd");
  });

  it('writes numbers as they are and null as an empty cell', () => {
    expect(cell(-1)).toBe('-1');
    expect(cell(0.25)).toBe('0.25');
    expect(cell(null)).toBe('');
  });
});
