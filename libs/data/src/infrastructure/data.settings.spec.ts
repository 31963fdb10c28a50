import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONVERSION_WINDOW_MS,
  dataOptionsFromEnv,
  parseBusinessHours,
} from './data.settings';

describe('dataOptionsFromEnv', () => {
  it('defaults: SQLite under ./data, a 7-day window, the projector on', () => {
    expect(dataOptionsFromEnv({})).toEqual({
      store: { kind: 'sqlite', filename: 'data/data.db' },
      conversionWindowMs: DEFAULT_CONVERSION_WINDOW_MS,
      projector: true,
    });
    expect(DEFAULT_CONVERSION_WINDOW_MS).toBe(604_800_000);
  });

  it('keeps the SQLite read model next to the event store unless told otherwise', () => {
    expect(dataOptionsFromEnv({ SQLITE_FILENAME: '/tmp/x/events.db' }).store).toEqual({
      kind: 'sqlite',
      filename: '/tmp/x/data.db',
    });
    expect(
      dataOptionsFromEnv({ SQLITE_FILENAME: '/tmp/x/events.db', DATA_SQLITE_FILENAME: '/d/r.db' })
        .store,
    ).toEqual({ kind: 'sqlite', filename: '/d/r.db' });
  });

  it('PostgreSQL from DATA_POSTGRES_URL, else DATABASE_URL; refuses neither', () => {
    expect(
      dataOptionsFromEnv({
        DATA_STORE: 'postgres',
        DATABASE_URL: 'postgres://db/app',
        DATA_POSTGRES_SCHEMA: 'metrics',
      }).store,
    ).toEqual({ kind: 'postgres', url: 'postgres://db/app', schema: 'metrics' });
    expect(
      dataOptionsFromEnv({
        DATA_STORE: 'postgres',
        DATABASE_URL: 'postgres://db/app',
        DATA_POSTGRES_URL: 'postgres://db/data',
      }).store,
    ).toEqual({ kind: 'postgres', url: 'postgres://db/data' });
    expect(() => dataOptionsFromEnv({ DATA_STORE: 'postgres' })).toThrow(/DATA_POSTGRES_URL/);
  });

  it('takes the window, projector switch, cache time and business hours', () => {
    const options = dataOptionsFromEnv({
      DATA_STORE: 'memory',
      DATA_CONVERSION_WINDOW_MS: 3_600_000,
      DATA_PROJECTOR: false,
      DATA_METRICS_CACHE_MS: 1000,
      DATA_BUSINESS_HOURS: '{"timeZone":"Europe/Berlin","week":{"1":[["09:00","18:00"]]}}',
    });
    expect(options).toEqual({
      store: { kind: 'memory' },
      conversionWindowMs: 3_600_000,
      projector: false,
      scrapeCacheMs: 1000,
      businessHours: { timeZone: 'Europe/Berlin', week: { 1: [['09:00', '18:00']] } },
    });
  });
});

describe('parseBusinessHours', () => {
  it.each([
    ['not json', '{', /not valid JSON/],
    ['no zone', '{"week":{}}', /IANA/],
    ['bad zone', '{"timeZone":"Nowhere/City","week":{}}', /IANA/],
    ['no week', '{"timeZone":"UTC"}', /week is required/],
    ['day 8', '{"timeZone":"UTC","week":{"8":[]}}', /ISO weekdays/],
    ['bad time', '{"timeZone":"UTC","week":{"1":[["9:00","18:00"]]}}', /pair/],
    ['reversed', '{"timeZone":"UTC","week":{"1":[["18:00","09:00"]]}}', /pair/],
  ])('refuses %s with a readable message', (_name, value, message) => {
    expect(() => parseBusinessHours(value)).toThrow(message);
  });

  it('accepts a day open until midnight', () => {
    expect(parseBusinessHours('{"timeZone":"UTC","week":{"7":[["00:00","24:00"]]}}')).toEqual({
      timeZone: 'UTC',
      week: { 7: [['00:00', '24:00']] },
    });
  });
});
