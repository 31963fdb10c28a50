import { deciderSpec } from '@switchboard/testing';
import { describe, it } from 'vitest';
import { autoReplyDecider } from './auto-reply.decider';
import { type BusinessHours } from './business-hours.calendar';
import { serviceSettingsDecider } from './service-settings.decider';
import { type AutoReplyTemplates, type ServiceSettingsCommand } from './service-settings.events';

const now = new Date('2026-12-04T10:00:00.000Z');
const metadata = { commandId: 'cmd-1', now };
const key = 'group:vip';
const hours: BusinessHours = {
  timezone: 'Europe/Berlin',
  weekly: { mon: [{ open: '09:00', close: '17:00' }] },
  holidays: [],
};
const templates: AutoReplyTemplates = {
  greeting: 'Hello!',
  queueMessage: 'You are number {position}',
  outOfHoursMessage: 'We open {nextOpening}',
};
const setHours = (h: BusinessHours, k = key): ServiceSettingsCommand => ({
  type: 'setBusinessHours',
  data: { key: k, hours: h },
  metadata,
});
const setReplies = (t: AutoReplyTemplates): ServiceSettingsCommand => ({
  type: 'setAutoReplies',
  data: { key, templates: t },
  metadata,
});
const at = now.toISOString();

describe('serviceSettingsDecider', () => {
  it('sets business hours', () => {
    deciderSpec(serviceSettingsDecider)
      .given([])
      .when(setHours(hours))
      .then([{ type: 'BusinessHoursSet', version: 1, data: { key, hours, at } }]);
  });
  it('setting the same hours again appends nothing', () => {
    deciderSpec(serviceSettingsDecider)
      .given([{ type: 'BusinessHoursSet', version: 1, data: { key, hours, at } }])
      .when(setHours(hours))
      .then([]);
  });
  it('sets auto replies', () => {
    deciderSpec(serviceSettingsDecider)
      .given([{ type: 'BusinessHoursSet', version: 1, data: { key, hours, at } }])
      .when(setReplies(templates))
      .then([{ type: 'AutoRepliesSet', version: 1, data: { key, templates, at } }]);
  });
  it('rejects a bad time zone', () => {
    deciderSpec(serviceSettingsDecider)
      .given([])
      .when(setHours({ ...hours, timezone: 'Nowhere/City' }))
      .thenFails('INVALID_TIMEZONE');
  });
  it('rejects close before open', () => {
    deciderSpec(serviceSettingsDecider)
      .given([])
      .when(setHours({ ...hours, weekly: { mon: [{ open: '17:00', close: '09:00' }] } }))
      .thenFails('INVALID_INTERVAL');
  });
  it('rejects overlapping intervals', () => {
    const weekly = {
      tue: [
        { open: '09:00', close: '13:00' },
        { open: '12:00', close: '17:00' },
      ],
    };
    deciderSpec(serviceSettingsDecider)
      .given([])
      .when(setHours({ ...hours, weekly }))
      .thenFails('OVERLAPPING_INTERVALS');
  });
  it('rejects a bad key', () => {
    deciderSpec(serviceSettingsDecider)
      .given([])
      .when(setHours(hours, 'team:vip'))
      .thenFails('INVALID_SETTINGS_KEY');
  });
  it('rejects a placeholder the template cannot fill', () => {
    deciderSpec(serviceSettingsDecider)
      .given([])
      .when(setReplies({ ...templates, greeting: 'Hi {name}' }))
      .thenFails('UNKNOWN_PLACEHOLDER');
  });
});

describe('autoReplyDecider', () => {
  const data = {
    consultationId: 'c-1',
    conversationId: 'conv-1',
    kind: 'greeting' as const,
    text: 'Hello!',
    triggerEventId: 'e-1',
  };
  it('issues a reply', () => {
    deciderSpec(autoReplyDecider)
      .given([])
      .when({ type: 'issueAutoReply', data, metadata })
      .then([{ type: 'AutoReplyIssued', version: 1, data: { ...data, at } }]);
  });
  it('issues nothing for a trigger already answered', () => {
    deciderSpec(autoReplyDecider)
      .given([{ type: 'AutoReplyIssued', version: 1, data: { ...data, at } }])
      .when({ type: 'issueAutoReply', data: { ...data, text: 'again' }, metadata })
      .then([]);
  });
});
