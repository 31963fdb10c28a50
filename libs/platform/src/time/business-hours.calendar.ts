import { DateTime, Info } from 'luxon';
import { DomainError } from '@switchboard/es-core';

/**
 * A weekly opening schedule in one IANA time zone, with holidays. Pure: time comes in as an
 * argument, zone rules come from luxon (the platform's ICU data), so DST days are correct.
 *
 * An interval never crosses midnight: `close` must be after `open` (`'24:00'` = end of day).
 * An overnight shift is two intervals, `22:00–24:00` on one day and `00:00–02:00` on the next.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times `HH:mm`; `close` may be `24:00`. */
export interface OpeningInterval {
  readonly open: string;
  readonly close: string;
}

/** A local date (`YYYY-MM-DD`) that replaces the weekly hours: closed, or the given hours. */
export interface Holiday {
  readonly date: string;
  /** Absent or empty: closed all day. */
  readonly hours?: readonly OpeningInterval[];
}

export interface BusinessHours {
  readonly timezone: string;
  /** A missing weekday is closed. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly OpeningInterval[]>>>;
  readonly holidays: readonly Holiday[];
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How far `nextOpening` looks ahead before answering "never". */
const HORIZON_DAYS = 400;

function invalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, 'invalid_command', details);
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Throws a typed `invalid_command` DomainError for the first rule the schedule breaks. */
export function validateBusinessHours(hours: BusinessHours): void {
  if (!Info.isValidIANAZone(hours.timezone)) {
    throw invalid('INVALID_TIMEZONE', `Unknown IANA time zone: ${hours.timezone}`, {
      timezone: hours.timezone,
    });
  }
  for (const [day, intervals] of Object.entries(hours.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      throw invalid('INVALID_WEEKDAY', `Unknown weekday: ${day}`, { day });
    }
    validateIntervals(intervals ?? [], day);
  }
  const seen = new Set<string>();
  for (const holiday of hours.holidays) {
    const date = DateTime.fromISO(holiday.date, { zone: hours.timezone });
    if (!ISO_DATE.test(holiday.date) || !date.isValid) {
      throw invalid('INVALID_DATE', `Not a YYYY-MM-DD date: ${holiday.date}`, {
        date: holiday.date,
      });
    }
    if (seen.has(holiday.date)) {
      throw invalid('DUPLICATE_HOLIDAY', `Holiday listed twice: ${holiday.date}`, {
        date: holiday.date,
      });
    }
    seen.add(holiday.date);
    validateIntervals(holiday.hours ?? [], holiday.date);
  }
}

function validateIntervals(intervals: readonly OpeningInterval[], where: string): void {
  for (const { open, close } of intervals) {
    for (const time of [open, close]) {
      if (!HH_MM.test(time)) {
        throw invalid('INVALID_TIME', `Not an HH:mm time: ${time} (${where})`, { where, time });
      }
    }
    if (open === '24:00' || minutes(close) <= minutes(open)) {
      throw invalid('INVALID_INTERVAL', `Close must be after open: ${open}–${close} (${where})`, {
        where,
        open,
        close,
      });
    }
  }
  const sorted = [...intervals].sort((a, b) => minutes(a.open) - minutes(b.open));
  for (let i = 1; i < sorted.length; i++) {
    if (minutes(sorted[i].open) < minutes(sorted[i - 1].close)) {
      throw invalid('OVERLAPPING_INTERVALS', `Intervals overlap on ${where}`, { where });
    }
  }
}

/** The intervals of one local day as instants, in order. */
function intervalsOn(hours: BusinessHours, day: DateTime): [DateTime, DateTime][] {
  const date = day.toISODate() ?? '';
  const holiday = hours.holidays.find((h) => h.date === date);
  const intervals = holiday
    ? (holiday.hours ?? [])
    : (hours.weekly[WEEKDAYS[day.weekday - 1]] ?? []);
  const at = (hhmm: string): DateTime =>
    hhmm === '24:00'
      ? day.plus({ days: 1 }).startOf('day')
      : // A time skipped by a DST change moves forward (luxon), e.g. 02:30 → 03:30.
        day.set({ hour: Math.floor(minutes(hhmm) / 60), minute: minutes(hhmm) % 60 });
  return [...intervals]
    .sort((a, b) => minutes(a.open) - minutes(b.open))
    .map(({ open, close }) => [at(open), at(close)]);
}

/** Whether the service is open at `instant` (opening inclusive, closing exclusive). */
export function isOpen(hours: BusinessHours, instant: Date): boolean {
  const now = DateTime.fromJSDate(instant, { zone: hours.timezone });
  const ms = instant.getTime();
  return intervalsOn(hours, now.startOf('day')).some(
    ([start, end]) => start.toMillis() <= ms && ms < end.toMillis(),
  );
}

/** The first instant at or after `instant` when the service is open; null if none within ~a year. */
export function nextOpening(hours: BusinessHours, instant: Date): Date | null {
  const ms = instant.getTime();
  let day = DateTime.fromJSDate(instant, { zone: hours.timezone }).startOf('day');
  for (let i = 0; i < HORIZON_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const [start, end] of intervalsOn(hours, day)) {
      if (end.toMillis() <= ms) continue;
      return start.toMillis() <= ms ? instant : start.toJSDate();
    }
  }
  return null;
}

/** `instant` as a customer of this schedule reads it, e.g. `Mon, 7 Dec 2026, 09:00 (Europe/Berlin)`. */
export function formatInZone(hours: BusinessHours, instant: Date): string {
  const local = DateTime.fromJSDate(instant, { zone: hours.timezone }).setLocale('en-GB');
  return `${local.toFormat('ccc, d LLL yyyy, HH:mm')} (${hours.timezone})`;
}

/**
 * Milliseconds of open time in [from, to): the business-hours length of a wait, e.g. a first
 * response that spans a weekend. 0 when `to` is not after `from`.
 */
export function openMillisBetween(hours: BusinessHours, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  let total = 0;
  let day = DateTime.fromJSDate(from, { zone: hours.timezone }).startOf('day');
  while (end > start && day.toMillis() < end) {
    for (const [open, close] of intervalsOn(hours, day)) {
      total += Math.max(0, Math.min(end, close.toMillis()) - Math.max(start, open.toMillis()));
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return total;
}
