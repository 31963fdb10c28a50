import { describe, expect, it } from 'vitest';
import { HOUR, Scenario, row, rows, t } from './test/metrics.scenario';

describe('metrics: satisfaction', () => {
  const rated = () =>
    new Scenario()
      .opened('c1', t('2026-12-07T09:00'))
      .assigned('c1', 'A', t('2026-12-07T09:01'))
      .consultation('c1', 'ConsultationRated', t('2026-12-07T10:00'), { score: 5, comment: null })
      .opened('c2', t('2026-12-07T09:00'))
      .assigned('c2', 'A', t('2026-12-07T09:01'))
      .consultation('c2', 'ConsultationRated', t('2026-12-07T10:30'), { score: 3, comment: 'slow' })
      .opened('c3', t('2026-12-07T09:00'))
      .assigned('c3', 'A', t('2026-12-07T09:01'))
      .consultation('c3', 'ConsultationTransferred', t('2026-12-07T09:20'), {
        fromAgentId: 'A',
        to: { agentId: 'B' },
        by: 'A',
      })
      .assigned('c3', 'B', t('2026-12-07T09:20'))
      .consultation('c3', 'ConsultationRated', t('2026-12-07T11:00'), { score: 4, comment: null });

  it('given three ratings, then CSAT is their mean and the positive share counts 4 and 5', async () => {
    const all = row(await rows(rated()));
    expect(all).toMatchObject({ ratings: 3, csatAvg: 4 });
    expect(all.csatPositiveShare).toBeCloseTo(2 / 3, 12);
  });

  it('given a transfer, then the rating goes to the last agent assigned', async () => {
    const agents = await rows(rated(), { dimension: 'agent' });
    expect(row(agents, 'A')).toMatchObject({ ratings: 2, csatAvg: 4, csatPositiveShare: 0.5 });
    expect(row(agents, 'B')).toMatchObject({ ratings: 1, csatAvg: 4, csatPositiveShare: 1 });
  });
});

describe('metrics: conversion', () => {
  const shopping = () =>
    new Scenario()
      .opened('k1', t('2026-12-07T09:00'), { customerId: 'X' })
      .assigned('k1', 'A', t('2026-12-07T09:01'))
      .order('o1', 'X', t('2026-12-07T15:00'), 5000)
      .order('o5', 'X', t('2026-12-07T16:00'), 1000)
      .opened('k2', t('2026-12-07T09:00'), { customerId: 'Y' })
      .order('o2', 'Y', t('2026-12-08T10:00'), 7000) // 25 h later: outside the window
      .opened('k3', t('2026-12-07T08:00'), { customerId: 'Z' })
      .opened('k4', t('2026-12-07T12:00'), { customerId: 'Z' })
      .assigned('k4', 'B', t('2026-12-07T12:30'))
      .order('o3', 'Z', t('2026-12-07T13:00'), 2000) // to k4, the latest opened before it
      .order('o4', 'Z', t('2026-12-07T07:00'), 9000) // before any consultation
      .opened('k5', t('2026-12-07T06:00'), { customerId: 'W' })
      .order('o6', 'W', t('2026-12-08T06:00'), 100); // exactly at the end of the window: counts

  it('given orders inside and outside the window, then each converts at most one consultation', async () => {
    const all = row(await rows(shopping()));
    expect(all).toMatchObject({
      opened: 5,
      conversions: 3,
      conversionAmountMinor: 8100,
      conversionRate: 0.6,
    });
  });

  it('given a shorter window, then fewer orders convert', async () => {
    const all = row(await rows(shopping(), { conversionWindowMs: 6 * HOUR }));
    // Only o1 (6 h after k1, inclusive) and o3 (1 h after k4); o5 is 7 h after k1.
    expect(all).toMatchObject({ conversions: 2, conversionAmountMinor: 7000, conversionRate: 0.4 });
  });

  it('given assignments, then a conversion goes to the agent who had it before the order', async () => {
    const agents = await rows(shopping(), { dimension: 'agent' });
    expect(row(agents, 'A')).toMatchObject({
      conversions: 1,
      conversionAmountMinor: 6000,
      conversionRate: null,
    });
    expect(row(agents, 'B')).toMatchObject({ conversions: 1, conversionAmountMinor: 2000 });
  });
});
