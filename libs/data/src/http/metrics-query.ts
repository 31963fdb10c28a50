import type { AuthUser } from '@switchboard/platform';
import { DateTime, IANAZone } from 'luxon';
import type { BusinessHours, MetricsQuery } from '../domain/metrics.types';
import type { MetricsQueryDto } from './metrics-query.dto';
import { MetricsQueryError, MetricsQueryErrorCode } from './metrics-query.errors';

/** Longest range one query may cover (a quarter), and with hourly buckets (a month). */
export const MAX_RANGE_DAYS = 93;
export const MAX_HOURLY_RANGE_DAYS = 31;

/** What the data module's configuration adds to every query. */
export interface MetricsQuerySettings {
  readonly conversionWindowMs: number;
  readonly businessHours?: BusinessHours;
}

/**
 * The domain query for a validated request, after the rules class-validator cannot express:
 * a real zone, `to` after `from`, the range limits, and what an agent may see (their own row
 * of the agent dimension only). Bounds without an offset are read in the query's zone, so
 * `from=2026-12-01&timeZone=Europe/Berlin` starts at Berlin midnight.
 *
 * @throws MetricsQueryError
 */
export function toMetricsQuery(
  dto: MetricsQueryDto,
  actor: AuthUser,
  settings: MetricsQuerySettings,
): MetricsQuery {
  const timeZone = dto.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(timeZone)) {
    throw new MetricsQueryError(
      MetricsQueryErrorCode.TimeZoneInvalid,
      `timeZone ${timeZone} is not an IANA time zone`,
    );
  }
  const from = instant('from', dto.from, timeZone);
  const to = instant('to', dto.to, timeZone);
  if (to <= from) {
    throw new MetricsQueryError(MetricsQueryErrorCode.RangeInvalid, 'to must be after from');
  }
  const bucket = dto.bucket ?? 'day';
  const days = to.diff(from, 'days').days;
  const limit = bucket === 'hour' ? MAX_HOURLY_RANGE_DAYS : MAX_RANGE_DAYS;
  if (days > limit) {
    throw new MetricsQueryError(
      MetricsQueryErrorCode.RangeTooLong,
      `A query with bucket=${bucket} may span at most ${limit} days`,
    );
  }
  const dimension = dto.dimension ?? 'all';
  if (actor.role === 'agent' && (dimension !== 'agent' || dto.agentId !== actor.userId)) {
    throw new MetricsQueryError(
      MetricsQueryErrorCode.Forbidden,
      'Agents may query only their own figures: dimension=agent and agentId=<your id>',
    );
  }
  return {
    from: from.toUTC().toISO() as string,
    to: to.toUTC().toISO() as string,
    bucket,
    dimension,
    ...(dto.agentId === undefined ? {} : { agentId: dto.agentId }),
    ...(dto.group === undefined ? {} : { group: dto.group }),
    ...(dto.domain === undefined ? {} : { domain: dto.domain }),
    conversionWindowMs: settings.conversionWindowMs,
    timeZone,
    ...(settings.businessHours === undefined ? {} : { businessHours: settings.businessHours }),
  };
}

function instant(field: 'from' | 'to', value: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone }).setZone(zone);
  if (!parsed.isValid) {
    throw new MetricsQueryError(
      MetricsQueryErrorCode.RangeInvalid,
      `${field} is not a valid instant in ${zone}`,
    );
  }
  return parsed;
}
