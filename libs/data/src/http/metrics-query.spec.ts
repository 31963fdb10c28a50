import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { toMetricsQuery } from './metrics-query';
import { MetricsQueryDto } from './metrics-query.dto';

const supervisor = { userId: 'sup-1', role: 'supervisor' as const };
const agent = { userId: 'agent-1', role: 'agent' as const };
const settings = { conversionWindowMs: 86_400_000 };
const dto = (query: Record<string, unknown>) => plainToInstance(MetricsQueryDto, query);
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('toMetricsQuery', () => {
  it('fills defaults and keeps UTC instants', () => {
    const query = toMetricsQuery(
      dto({ from: '2026-12-01T00:00:00Z', to: '2026-12-08T00:00:00Z' }),
      supervisor,
      settings,
    );
    expect(query).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-08T00:00:00.000Z',
      bucket: 'day',
      dimension: 'all',
      timeZone: 'UTC',
      conversionWindowMs: 86_400_000,
    });
  });

  it('reads bounds without an offset in the query zone, keeps filters and business hours', () => {
    const businessHours = { timeZone: 'Europe/Berlin', week: { 1: [['09:00', '18:00']] as const } };
    const query = toMetricsQuery(
      dto({
        from: '2026-12-01',
        to: '2026-12-02',
        bucket: 'hour',
        dimension: 'group',
        group: 'vip',
        domain: 'travel',
        agentId: 'a-7',
        timeZone: 'Europe/Berlin',
      }),
      supervisor,
      { ...settings, businessHours },
    );
    expect(query).toMatchObject({
      from: '2026-11-30T23:00:00.000Z',
      to: '2026-12-01T23:00:00.000Z',
      bucket: 'hour',
      dimension: 'group',
      group: 'vip',
      domain: 'travel',
      agentId: 'a-7',
      timeZone: 'Europe/Berlin',
      businessHours,
    });
  });

  it.each([
    ['to before from', { from: '2026-12-02', to: '2026-12-01' }, 'METRICS_RANGE_INVALID'],
    ['to equal to from', { from: '2026-12-01', to: '2026-12-01' }, 'METRICS_RANGE_INVALID'],
    ['94 days', { from: '2026-01-01', to: '2026-04-05' }, 'METRICS_RANGE_TOO_LONG'],
    [
      '32 days hourly',
      { from: '2026-01-01', to: '2026-02-02', bucket: 'hour' },
      'METRICS_RANGE_TOO_LONG',
    ],
    [
      'unknown zone',
      { from: '2026-01-01', to: '2026-01-02', timeZone: 'Mars/Olympus' },
      'METRICS_TIME_ZONE_INVALID',
    ],
  ])('refuses %s', (_name, query, code) => {
    expect(codeOf(() => toMetricsQuery(dto(query), supervisor, settings))).toBe(code);
  });

  it('accepts exactly 93 days, and 31 days hourly', () => {
    expect(() =>
      toMetricsQuery(dto({ from: '2026-01-01', to: '2026-04-04' }), supervisor, settings),
    ).not.toThrow();
    expect(() =>
      toMetricsQuery(
        dto({ from: '2026-01-01', to: '2026-02-01', bucket: 'hour' }),
        supervisor,
        settings,
      ),
    ).not.toThrow();
  });

  it('counts days on the calendar of the zone, so a DST change does not shorten the limit', () => {
    const berlin = { timeZone: 'Europe/Berlin' };
    expect(() =>
      toMetricsQuery(
        dto({ from: '2026-01-01', to: '2026-04-04', ...berlin }),
        supervisor,
        settings,
      ),
    ).not.toThrow();
    expect(
      codeOf(() =>
        toMetricsQuery(
          dto({ from: '2026-01-01', to: '2026-04-04T01:00', ...berlin }),
          supervisor,
          settings,
        ),
      ),
    ).toBe('METRICS_RANGE_TOO_LONG');
  });

  it('lets an agent see only their own row of the agent dimension (403 otherwise)', () => {
    const range = { from: '2026-12-01', to: '2026-12-02' };
    expect(
      toMetricsQuery(dto({ ...range, dimension: 'agent', agentId: 'agent-1' }), agent, settings),
    ).toMatchObject({ dimension: 'agent', agentId: 'agent-1' });
    for (const query of [
      range,
      { ...range, dimension: 'agent' },
      { ...range, dimension: 'agent', agentId: 'agent-2' },
      { ...range, dimension: 'domain', agentId: 'agent-1' },
    ]) {
      const error = (() => {
        try {
          toMetricsQuery(dto(query), agent, settings);
        } catch (e) {
          return e as { code: string; kind: string };
        }
      })();
      expect(error).toMatchObject({ code: 'METRICS_FORBIDDEN', kind: 'forbidden' });
    }
  });

  it('is 400 invalid_command for range errors', () => {
    try {
      toMetricsQuery(dto({ from: '2026-12-02', to: '2026-12-01' }), supervisor, settings);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'invalid_command' });
    }
  });
});

describe('MetricsQueryDto', () => {
  const errors = (query: Record<string, unknown>) =>
    validateSync(dto(query), { whitelist: true, forbidNonWhitelisted: true }).map(
      (e) => e.property,
    );

  it('accepts a full query', () => {
    expect(
      errors({
        from: '2026-12-01T00:00:00+01:00',
        to: '2026-12-02',
        bucket: 'day',
        dimension: 'domain',
        domain: 'travel',
        timeZone: 'America/New_York',
        format: 'csv',
      }),
    ).toEqual([]);
  });

  it('names each bad field', () => {
    expect(
      errors({
        from: 'yesterday',
        to: '2026-02-30',
        bucket: 'week',
        dimension: 'customer',
        agentId: 'a b',
        format: 'xml',
        timeZone: 'Europe/Berlin; DROP',
        extra: 1,
      }).sort(),
    ).toEqual(['agentId', 'bucket', 'dimension', 'extra', 'format', 'from', 'timeZone', 'to']);
    expect(errors({}).sort()).toEqual(['from', 'to']);
  });
});
