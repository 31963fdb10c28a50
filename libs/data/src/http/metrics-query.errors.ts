import { DomainError } from '@switchboard/es-core';

/** Codes of a metrics query that is well-formed but asks for something not served. */
export const MetricsQueryErrorCode = {
  /** `to` is not after `from`, or a bound is not a real instant in the zone. */
  RangeInvalid: 'METRICS_RANGE_INVALID',
  /** Over 93 days, or over 31 days with hourly buckets. */
  RangeTooLong: 'METRICS_RANGE_TOO_LONG',
  TimeZoneInvalid: 'METRICS_TIME_ZONE_INVALID',
  /** An agent asked for more than their own figures. */
  Forbidden: 'METRICS_FORBIDDEN',
} as const;

export type MetricsQueryErrorCode =
  (typeof MetricsQueryErrorCode)[keyof typeof MetricsQueryErrorCode];

/** 400 for the filters (403 for `METRICS_FORBIDDEN`), mapped by the platform's error filter. */
export class MetricsQueryError extends DomainError {
  constructor(code: MetricsQueryErrorCode, message: string) {
    super(
      code,
      message,
      code === MetricsQueryErrorCode.Forbidden ? 'forbidden' : 'invalid_command',
    );
    this.name = 'MetricsQueryError';
  }
}
