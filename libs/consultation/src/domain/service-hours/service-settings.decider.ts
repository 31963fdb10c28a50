import { assertNever, type Decider, DomainError } from '@switchboard/es-core';
import { validateBusinessHours } from './business-hours.calendar';
import {
  type AutoReplyTemplates,
  SETTINGS_KEY,
  type ServiceSettingsCommand,
  type ServiceSettingsEvent,
  type ServiceSettingsState,
} from './service-settings.events';

/** Placeholders each template may use; anything else in braces is a typo the customer would see. */
const PLACEHOLDERS: Readonly<Record<keyof AutoReplyTemplates, readonly string[]>> = {
  greeting: [],
  queueMessage: ['position'],
  outOfHoursMessage: ['nextOpening'],
};

function invalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, 'invalid_command', details);
}

function validateKey(key: string): void {
  if (!SETTINGS_KEY.test(key)) {
    throw invalid('INVALID_SETTINGS_KEY', `Expected group:<name> or domain:<name>, got ${key}`);
  }
}

function validateTemplates(templates: AutoReplyTemplates): void {
  for (const field of Object.keys(PLACEHOLDERS) as (keyof AutoReplyTemplates)[]) {
    const text = templates[field];
    if (text === null) continue;
    for (const [, name] of text.matchAll(/\{([^}]*)\}/g)) {
      if (!PLACEHOLDERS[field].includes(name)) {
        throw invalid('UNKNOWN_PLACEHOLDER', `${field} may not use {${name}}`, { field, name });
      }
    }
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Service settings of one routing key. Setting what is already set appends nothing. */
export const serviceSettingsDecider: Decider<
  ServiceSettingsCommand,
  ServiceSettingsEvent,
  ServiceSettingsState
> = {
  initialState: { key: null, hours: null, templates: null, updatedAt: null },
  decide(command, state) {
    validateKey(command.data.key);
    const at = command.metadata.now.toISOString();
    switch (command.type) {
      case 'setBusinessHours': {
        const { key, hours } = command.data;
        validateBusinessHours(hours);
        if (same(state.hours, hours)) return [];
        return [{ type: 'BusinessHoursSet', version: 1, data: { key, hours, at } }];
      }
      case 'setAutoReplies': {
        const { key, templates } = command.data;
        validateTemplates(templates);
        if (same(state.templates, templates)) return [];
        return [{ type: 'AutoRepliesSet', version: 1, data: { key, templates, at } }];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'BusinessHoursSet':
        return { ...state, key: event.data.key, hours: event.data.hours, updatedAt: event.data.at };
      case 'AutoRepliesSet':
        return {
          ...state,
          key: event.data.key,
          templates: event.data.templates,
          updatedAt: event.data.at,
        };
      default:
        return assertNever(event);
    }
  },
};
