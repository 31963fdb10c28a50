import { describe, expect, it } from 'vitest';
import { headlines } from './metrics.model';
import { previewTotal } from './scorecard.model';
import type { MetricRow } from './supervisor.types';

const row = (patch: Partial<MetricRow>): MetricRow => ({
  bucketStart: '2026-12-04T00:00:00.000Z',
  key: 'all',
  opened: 0,
  resolved: 0,
  closed: 0,
  ratings: 0,
  firstResponseAvgMs: null,
  resolutionAvgMs: null,
  csatAvg: null,
  csatPositiveShare: null,
  onlineMs: null,
  occupiedMs: null,
  occupancy: null,
  workloadAvg: null,
  ...patch,
});

const byLabel = (rows: readonly MetricRow[]) =>
  Object.fromEntries(headlines(rows).map((h) => [h.label, h.value]));

describe('headline figures for a range', () => {
  it('weights averages by their samples, not by buckets', () => {
    const figures = byLabel([
      row({ opened: 1, resolved: 1, resolutionAvgMs: 60_000, ratings: 1, csatAvg: 5 }),
      row({ opened: 4, resolved: 3, resolutionAvgMs: 20_000, ratings: 3, csatAvg: 2 }),
    ]);
    // (5 + 3 × 2) / 4 = 2.75, not the buckets' mean 3.5; (60 + 3 × 20) / 4 = 30 s
    expect(figures).toMatchObject({
      Opened: '5',
      Resolved: '4',
      CSAT: '2.75',
      Ratings: '4',
      'Resolution time': '30.0 s',
    });
  });

  it('takes occupancy as occupied over online time of the whole range', () => {
    const figures = byLabel([
      row({ onlineMs: 3_600_000, occupiedMs: 3_600_000, occupancy: 1 }),
      row({ onlineMs: 1_800_000, occupiedMs: 0, occupancy: 0 }),
    ]);
    expect(figures.Occupancy).toBe('66.7 %');
  });

  it('says when nothing was measured', () => {
    expect(byLabel([])).toMatchObject({
      Opened: '0',
      'First response': '—',
      CSAT: '—',
      Occupancy: '—',
    });
  });
});

describe('scorecard preview', () => {
  it("follows the server's weighted formula and rounding", () => {
    const criteria = [
      { criterionId: 'greeting', label: 'Greets', weight: 2, maxPoints: 10 },
      { criterionId: 'accuracy', label: 'Accurate', weight: 1, maxPoints: 5 },
      { criterionId: 'empathy', label: 'Empathic', weight: 1, maxPoints: 5 },
    ];
    // The example of weighted-total.ts: 100 × (2 × 0.5 + 1 × 0.6 + 1 × 0) / 4 = 40
    expect(previewTotal(criteria, { greeting: 5, accuracy: 3, empathy: 0 })).toBe(40);
    expect(previewTotal(criteria.slice(0, 2), { greeting: 5, accuracy: 3 })).toBe(53.33);
    expect(previewTotal(criteria, {})).toBe(0);
  });
});
