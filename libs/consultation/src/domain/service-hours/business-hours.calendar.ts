/**
 * The calendar is pure time code shared with the data service's business-hours metrics, so it
 * lives in the platform (`@switchboard/platform/time/business-hours.calendar`, a deep import that
 * does not pull Nest). This re-export keeps the consultation context's imports working.
 */
export * from '@switchboard/platform/time/business-hours.calendar';
