import { type Command, type DomainEvent } from '@switchboard/es-core';
import { type BusinessHours } from './business-hours.calendar';

/**
 * Per routing key (`group:<g>` or `domain:<d>`), stream `service-settings-<key>`: the opening
 * hours and the automatic replies. A consultation uses its group's settings, else its domain's.
 */
export interface AutoReplyTemplates {
  /** Sent when a consultation opens in hours. Null: none. */
  readonly greeting: string | null;
  /** Sent when the consultation is queued; `{position}` is replaced by its place (1 = next). */
  readonly queueMessage: string | null;
  /** Sent instead of the greeting out of hours; `{nextOpening}` is replaced by local time. */
  readonly outOfHoursMessage: string | null;
}

export type BusinessHoursSet = DomainEvent<
  'BusinessHoursSet',
  { readonly key: string; readonly hours: BusinessHours; readonly at: string }
>;

export type AutoRepliesSet = DomainEvent<
  'AutoRepliesSet',
  { readonly key: string; readonly templates: AutoReplyTemplates; readonly at: string }
>;

export type ServiceSettingsEvent = BusinessHoursSet | AutoRepliesSet;

export type ServiceSettingsCommand =
  | Command<'setBusinessHours', { readonly key: string; readonly hours: BusinessHours }>
  | Command<'setAutoReplies', { readonly key: string; readonly templates: AutoReplyTemplates }>;

export interface ServiceSettingsState {
  readonly key: string | null;
  readonly hours: BusinessHours | null;
  readonly templates: AutoReplyTemplates | null;
  readonly updatedAt: string | null;
}

export const SERVICE_SETTINGS_STREAM_PREFIX = 'service-settings-';

export function serviceSettingsStream(key: string): string {
  return `${SERVICE_SETTINGS_STREAM_PREFIX}${key}`;
}

/** `group:<name>` or `domain:<name>`, as the routing queues are keyed. */
export const SETTINGS_KEY = /^(group|domain):[A-Za-z0-9._-]{1,64}$/;
