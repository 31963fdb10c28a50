import { Info } from 'luxon';
import { DomainError } from '@switchboard/es-core';
import {
  WEEKDAYS,
  openMillisBetween,
  validateBusinessHours,
  type BusinessHours as Calendar,
} from '@switchboard/platform/time/business-hours.calendar';
import type { OpenTime } from './consultation-timeline';
import type { BusinessHours, MetricsQuery } from './metrics.types';
import { parseInstant } from './message-fields';

/** A query's range and calendar, checked. */
export interface CheckedQuery {
  readonly fromMs: number;
  readonly toMs: number;
  /** `from`/`to` as `YYYY-MM-DDTHH:mm:ss.sssZ`, the form fact times compare with as text. */
  readonly from: string;
  readonly to: string;
  readonly zone: string;
  readonly openTime: OpenTime | undefined;
}

function invalid(code: string, message: string): DomainError {
  return new DomainError(code, message, 'invalid_command');
}

/** The query's weekly hours in the platform calendar's shape (no holidays). */
export function toCalendar(hours: BusinessHours): Calendar {
  const weekly: Record<string, { open: string; close: string }[]> = {};
  for (const [day, intervals] of Object.entries(hours.week)) {
    const weekday = WEEKDAYS[Number(day) - 1] as string | undefined;
    if (weekday === undefined) throw invalid('INVALID_WEEKDAY', `Unknown ISO weekday: ${day}`);
    weekly[weekday] = (intervals ?? []).map(([open, close]) => ({ open, close }));
  }
  return { timezone: hours.timeZone, weekly, holidays: [] };
}

/**
 * Checks a metrics query; throws a typed `invalid_command` DomainError (`INVALID_RANGE`,
 * `INVALID_TIMEZONE`, `INVALID_WINDOW`, or the calendar's codes) for the first problem.
 */
export function checkQuery(query: MetricsQuery): CheckedQuery {
  const fromMs = parseInstant(query.from);
  const toMs = parseInstant(query.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs >= toMs) {
    throw invalid('INVALID_RANGE', 'from and to must be ISO-8601 instants with from < to');
  }
  const zone = query.timeZone ?? 'UTC';
  if (!Info.isValidIANAZone(zone)) throw invalid('INVALID_TIMEZONE', `Unknown time zone: ${zone}`);
  if (!Number.isSafeInteger(query.conversionWindowMs) || query.conversionWindowMs < 0) {
    throw invalid('INVALID_WINDOW', 'conversionWindowMs must be an integer >= 0');
  }
  let openTime: OpenTime | undefined;
  if (query.businessHours !== undefined) {
    const calendar = toCalendar(query.businessHours);
    validateBusinessHours(calendar);
    openTime = (a, b) => openMillisBetween(calendar, new Date(a), new Date(b));
  }
  const [from, to] = [new Date(fromMs).toISOString(), new Date(toMs).toISOString()];
  return { fromMs, toMs, from, to, zone, openTime };
}
