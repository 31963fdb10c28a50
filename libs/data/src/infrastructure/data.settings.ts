import { IANAZone } from 'luxon';
import { dirname, join } from 'node:path';
import type { BusinessHours } from '../domain/metrics.types';
import type { DataModuleOptions, FactStoreSettings } from './data.options';

/**
 * The data service's variables, as the platform's env schema validates them (Joi rules in the
 * lead's schema; the defaults here are the same, so a missing variable behaves as documented).
 */
export interface DataEnv {
  /** `sqlite` (default), `postgres` or `memory`. */
  readonly DATA_STORE?: 'sqlite' | 'postgres' | 'memory';
  /**
   * Default: `data.db` next to the event store's SQLITE_FILENAME (`./data/data.db` by default),
   * so an app on a temp directory keeps its read model there too. No Joi default for it.
   */
  readonly DATA_SQLITE_FILENAME?: string;
  readonly SQLITE_FILENAME?: string;
  /** Default DATABASE_URL. Required (one of the two) with DATA_STORE=postgres. */
  readonly DATA_POSTGRES_URL?: string;
  readonly DATABASE_URL?: string;
  /** Default `data`. */
  readonly DATA_POSTGRES_SCHEMA?: string;
  /** Default 7 days. */
  readonly DATA_CONVERSION_WINDOW_MS?: number;
  /** Default true. */
  readonly DATA_PROJECTOR?: boolean;
  /** JSON of {@link BusinessHours}; unset: business-hours figures count every hour. */
  readonly DATA_BUSINESS_HOURS?: string | BusinessHours;
  /** Default 5000. */
  readonly DATA_METRICS_CACHE_MS?: number;
}

export const DEFAULT_CONVERSION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_EVENT_STORE_FILENAME = './data/switchboard.db';
const DATA_SQLITE_BASENAME = 'data.db';

/** DataModule options from the validated environment. */
export function dataOptionsFromEnv(
  env: DataEnv,
  overrides: Partial<DataModuleOptions> = {},
): DataModuleOptions {
  return {
    store: factStoreFromEnv(env),
    conversionWindowMs: env.DATA_CONVERSION_WINDOW_MS ?? DEFAULT_CONVERSION_WINDOW_MS,
    projector: env.DATA_PROJECTOR ?? true,
    ...(env.DATA_METRICS_CACHE_MS === undefined
      ? {}
      : { scrapeCacheMs: env.DATA_METRICS_CACHE_MS }),
    ...(env.DATA_BUSINESS_HOURS === undefined
      ? {}
      : { businessHours: parseBusinessHours(env.DATA_BUSINESS_HOURS) }),
    ...overrides,
  };
}

function factStoreFromEnv(env: DataEnv): FactStoreSettings {
  switch (env.DATA_STORE ?? 'sqlite') {
    case 'sqlite':
      return {
        kind: 'sqlite',
        filename:
          env.DATA_SQLITE_FILENAME ??
          join(dirname(env.SQLITE_FILENAME ?? DEFAULT_EVENT_STORE_FILENAME), DATA_SQLITE_BASENAME),
      };
    case 'postgres': {
      const url = env.DATA_POSTGRES_URL ?? env.DATABASE_URL;
      if (url === undefined) {
        throw new Error('DATA_STORE=postgres needs DATA_POSTGRES_URL (or DATABASE_URL)');
      }
      return {
        kind: 'postgres',
        url,
        ...(env.DATA_POSTGRES_SCHEMA === undefined ? {} : { schema: env.DATA_POSTGRES_SCHEMA }),
      };
    }
    case 'memory':
      return { kind: 'memory' };
    default:
      throw new Error(`DATA_STORE: unknown store "${String(env.DATA_STORE)}"`);
  }
}

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * `{"timeZone": "Europe/Berlin", "week": {"1": [["09:00", "18:00"]], …}}`.
 *
 * @throws Error naming what is wrong, so start-up stops with a readable message.
 */
export function parseBusinessHours(value: string | BusinessHours): BusinessHours {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error('DATA_BUSINESS_HOURS is not valid JSON');
    }
  }
  const fail = (why: string): never => {
    throw new Error(`DATA_BUSINESS_HOURS: ${why}`);
  };
  if (typeof parsed !== 'object' || parsed === null) return fail('must be an object');
  const { timeZone, week } = parsed as { timeZone?: unknown; week?: unknown };
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    return fail('timeZone must be an IANA time zone');
  }
  if (typeof week !== 'object' || week === null) return fail('week is required');
  for (const [day, intervals] of Object.entries(week)) {
    if (!WEEKDAYS.includes(day)) fail(`week keys are ISO weekdays 1..7, not ${day}`);
    if (!Array.isArray(intervals)) fail(`week.${day} must be a list of [open, close] pairs`);
    for (const pair of intervals as unknown[]) {
      const ok =
        Array.isArray(pair) &&
        pair.length === 2 &&
        pair.every((t) => typeof t === 'string' && HH_MM.test(t)) &&
        pair[0] < pair[1];
      if (!ok) fail(`week.${day} holds ${JSON.stringify(pair)}, not an ["HH:mm", "HH:mm"] pair`);
    }
  }
  return parsed as BusinessHours;
}
