import { FixedClock } from '@switchboard/testing';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { MetricRow, MetricsQuery } from '../domain/metrics.types';
import { registerDataGauges } from './data.gauges';

const row = (key: string, overrides: Partial<MetricRow> = {}): MetricRow =>
  ({
    bucketStart: '2026-12-04T00:00:00.000Z',
    dimension: 'domain',
    key,
    opened: 3,
    abandoned: 1,
    resolved: 2,
    firstResponseAvgMs: 1500,
    responseAvgMs: 2000,
    resolutionAvgMs: 60_000,
    queueWaitAvgMs: 500,
    handleTimeMs: 90_000,
    csatAvg: 4.5,
    conversions: 1,
    conversionRate: 1 / 3,
    ...overrides,
  }) as MetricRow;

function setup(rows: MetricRow[] = [row('travel'), row('shop', { csatAvg: null })]) {
  const registry = new Registry();
  const queries: MetricsQuery[] = [];
  let now = 0;
  let failing = false;
  registerDataGauges(registry, {
    report: (query) => {
      queries.push(query);
      return failing ? Promise.reject(new Error('store down')) : Promise.resolve({ rows });
    },
    store: {
      count: () => Promise.resolve(42),
      positions: () =>
        Promise.resolve([{ topic: 'consultation.events.v1', partition: 2, offset: '17' }]),
    },
    clock: new FixedClock('2026-12-04T15:30:00.000Z'),
    conversionWindowMs: 3_600_000,
    cacheMs: 5000,
    logger: { warn: () => undefined },
    monotonicMs: () => now,
    projectorStats: () => ({ projected: 7, skipped: 2, deadLettered: 1, running: true }),
  });
  return {
    registry,
    queries,
    advance: (ms: number) => (now += ms),
    fail: () => (failing = true),
  };
}

describe('data gauges', () => {
  it("compute today's UTC figures per domain at scrape time", async () => {
    const { registry, queries } = setup();
    const text = await registry.metrics();
    expect(queries).toEqual([
      {
        from: '2026-12-04T00:00:00.000Z',
        to: '2026-12-05T00:00:00.000Z',
        bucket: 'day',
        dimension: 'domain',
        timeZone: 'UTC',
        conversionWindowMs: 3_600_000,
      },
    ]);
    expect(text).toContain('switchboard_data_consultations_opened{domain="travel"} 3');
    expect(text).toContain('switchboard_data_consultations_abandoned{domain="shop"} 1');
    expect(text).toContain('switchboard_data_first_response_avg_seconds{domain="travel"} 1.5');
    expect(text).toContain('switchboard_data_resolution_avg_seconds{domain="travel"} 60');
    expect(text).toContain('switchboard_data_queue_wait_avg_seconds{domain="travel"} 0.5');
    expect(text).toContain('switchboard_data_handle_time_seconds{domain="travel"} 90');
    expect(text).toContain('switchboard_data_csat_avg{domain="travel"} 4.5');
    expect(text).not.toContain('switchboard_data_csat_avg{domain="shop"}');
    expect(text).toContain('switchboard_data_conversion_rate{domain="travel"} 0.3333333333333333');
    expect(text).toContain('switchboard_data_facts 42');
    expect(text).toContain(
      'switchboard_data_projector_offset{topic="consultation.events.v1",partition="2"} 17',
    );
  });

  it("report the projector's counters", async () => {
    const text = await setup().registry.metrics();
    expect(text).toContain('switchboard_data_projector_messages{outcome="projected"} 7');
    expect(text).toContain('switchboard_data_projector_messages{outcome="skipped"} 2');
    expect(text).toContain('switchboard_data_projector_messages{outcome="dead_lettered"} 1');
    expect(text).toContain('switchboard_data_projector_running 1');
  });

  it('reuse one computation for every gauge and for scrapes within the cache time', async () => {
    const { registry, queries, advance } = setup();
    await Promise.all([registry.metrics(), registry.metrics()]);
    advance(4999);
    await registry.metrics();
    expect(queries).toHaveLength(1);
    advance(1);
    await registry.metrics();
    expect(queries).toHaveLength(2);
  });

  it('leave the figures out, not /metrics failing, when the metrics fail', async () => {
    const { registry, fail } = setup();
    fail();
    const text = await registry.metrics();
    expect(text).toContain('# TYPE switchboard_data_consultations_opened gauge');
    expect(text).not.toContain('switchboard_data_consultations_opened{');
    expect(text).toContain('switchboard_data_facts 42');
  });
});
