import { describe, expect, it } from 'vitest';
import { MIN, Scenario, row, rows, t } from './test/metrics.scenario';

/** Agent A: online 09:00–12:00 but away 10:00–10:30; holds c, then c2 and c3 overlapping. */
function workday(): Scenario {
  return new Scenario()
    .agent('A', 'AgentRegistered', t('2026-12-07T08:00'), {
      name: 'Ann',
      capacity: 3,
      groups: ['g'],
      skills: [],
      weight: 1,
      status: 'offline',
    })
    .status('A', 'online', t('2026-12-07T09:00'))
    .taken('A', 'c', t('2026-12-07T09:30'))
    .status('A', 'away', t('2026-12-07T10:00'))
    .status('A', 'online', t('2026-12-07T10:30'))
    .released('A', 'c', t('2026-12-07T11:00'))
    .taken('A', 'c2', t('2026-12-07T11:00'))
    .taken('A', 'c3', t('2026-12-07T11:15'))
    .released('A', 'c2', t('2026-12-07T11:30'))
    .released('A', 'c3', t('2026-12-07T11:45'))
    .status('A', 'offline', t('2026-12-07T12:00'))
    .status('B', 'online', t('2026-12-07T09:00'))
    .status('B', 'offline', t('2026-12-07T09:30'));
}

describe('metrics: occupancy and workload', () => {
  it('given an away period, then it is neither online nor occupied time', async () => {
    const a = row(await rows(workday(), { dimension: 'agent' }), 'A');
    // Online 60 + 90 min; occupied 09:30–10:00, 10:30–11:00, 11:00–11:45.
    expect(a).toMatchObject({ onlineMs: 150 * MIN, occupiedMs: 105 * MIN, occupancy: 0.7 });
    // Held × time: 30 + 30 + 15 + 2 × 15 + 15 = 120 consultation-minutes over 150 online minutes.
    expect(a.workloadAvg).toBeCloseTo(0.8, 12);
  });

  it('given hour buckets, then online time is cut at each hour', async () => {
    const hours = (await rows(workday(), { dimension: 'agent', agentId: 'A', bucket: 'hour' })).map(
      (r) => [r.bucketStart, r.onlineMs, r.occupiedMs, r.workloadAvg],
    );
    expect(hours).toEqual([
      [t('2026-12-07T09:00'), 60 * MIN, 30 * MIN, 0.5],
      [t('2026-12-07T10:00'), 30 * MIN, 30 * MIN, 1],
      [t('2026-12-07T11:00'), 60 * MIN, 45 * MIN, 1],
    ]);
  });

  it('given two agents, then the all row sums them and an idle agent has occupancy 0', async () => {
    expect(row(await rows(workday()))).toMatchObject({
      onlineMs: 180 * MIN,
      occupiedMs: 105 * MIN,
    });
    expect(row(await rows(workday(), { dimension: 'agent' }), 'B')).toMatchObject({
      onlineMs: 30 * MIN,
      occupancy: 0,
      workloadAvg: 0,
    });
  });

  it('given a shift from the day before, then only the part inside the range counts', async () => {
    const given = new Scenario()
      .status('C', 'online', t('2026-12-06T22:00'))
      .status('C', 'offline', t('2026-12-07T01:00'));
    expect(row(await rows(given, { dimension: 'agent' }), 'C').onlineMs).toBe(60 * MIN);
  });

  it('given a group or domain filter, then presence counts agents of that group only, and none per domain', async () => {
    expect((await rows(workday(), { dimension: 'agent', group: 'g' })).map((r) => r.key)).toEqual([
      'A',
    ]);
    expect(await rows(workday(), { dimension: 'agent', domain: 'travel' })).toEqual([]);
    const groups = await rows(workday().opened('x', t('2026-12-07T09:00')), { dimension: 'group' });
    expect(row(groups, '(none)')).toMatchObject({
      onlineMs: null,
      occupancy: null,
      workloadAvg: null,
    });
  });
});
