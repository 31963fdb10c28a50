import { describe, expect, it } from 'vitest';
import {
  audienceKind,
  decideDelivery,
  DELIVERY_RULES,
  type DeliverySettings,
  mayDeliver,
  mayPush,
  type RuleAction,
  type RuleSubject,
} from './delivery.rules';

const settings: DeliverySettings = { mutedSystemPushDomains: ['shop'] };

const base: RuleSubject = {
  event: 'message.new',
  audience: 'customer',
  target: 'web',
  internal: false,
  system: false,
  domain: 'travel',
};

interface Row {
  readonly rule: string;
  readonly subject: Partial<RuleSubject>;
  readonly action: RuleAction;
}

/** One case (at least) per row of the table, plus the cases that must fall through a row. */
const cases: readonly Row[] = [
  { rule: 'internal notes never reach customers', subject: { internal: true }, action: 'skip' },
  {
    rule: 'internal notes never reach customers',
    subject: { internal: true, target: 'offline' },
    action: 'skip',
  },
  {
    rule: 'internal notes are never pushed',
    subject: { internal: true, audience: 'staff', target: 'offline' },
    action: 'skip',
  },
  {
    rule: 'typing only on web and desktop',
    subject: { event: 'typing', target: 'ios' },
    action: 'skip',
  },
  {
    rule: 'typing only on web and desktop',
    subject: { event: 'typing', target: 'android', audience: 'staff' },
    action: 'skip',
  },
  {
    rule: 'system messages are not pushed in muted domains',
    subject: { system: true, domain: 'shop', target: 'offline' },
    action: 'skip',
  },
  {
    rule: 'an offline customer gets a push for a new message',
    subject: { target: 'offline' },
    action: 'push',
  },
  {
    rule: 'an offline customer gets a push for a new message',
    subject: { system: true, domain: 'travel', target: 'offline' },
    action: 'push',
  },
  {
    rule: 'offline staff get no push',
    subject: { audience: 'staff', target: 'offline' },
    action: 'skip',
  },
  {
    rule: 'nothing else is pushed',
    subject: { event: 'consultation.updated', target: 'offline' },
    action: 'skip',
  },
  {
    rule: 'nothing else is pushed',
    subject: { event: 'typing', target: 'offline' },
    action: 'skip',
  },
  { rule: 'live devices get the rest', subject: {}, action: 'deliver' },
  {
    rule: 'live devices get the rest',
    subject: { internal: true, audience: 'staff', target: 'desktop' },
    action: 'deliver',
  },
  {
    rule: 'live devices get the rest',
    subject: { event: 'typing', target: 'desktop' },
    action: 'deliver',
  },
  {
    rule: 'live devices get the rest',
    subject: { system: true, domain: 'shop', target: 'ios' },
    action: 'deliver',
  },
  {
    rule: 'live devices get the rest',
    subject: { event: 'read', target: 'android' },
    action: 'deliver',
  },
];

describe('delivery rules', () => {
  it.each(cases)('$rule → $action for $subject', ({ rule, subject, action }) => {
    expect(decideDelivery({ ...base, ...subject }, settings)).toEqual({ action, rule });
  });

  it('every row of the table has a case', () => {
    const covered = new Set(cases.map((row) => row.rule));
    expect(DELIVERY_RULES.map((row) => row.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('mayDeliver is false offline and mayPush is false online', () => {
    expect(mayDeliver({ ...base, target: 'offline' }, settings)).toBe(false);
    expect(mayPush({ ...base, target: 'web' }, settings)).toBe(false);
    expect(mayPush({ ...base, target: 'offline' }, settings)).toBe(true);
  });

  it.each([
    ['customer', 'customer'],
    ['agent', 'staff'],
    ['supervisor', 'staff'],
    ['admin', 'staff'],
    ['system', 'system'],
    ['who-knows', 'customer'],
  ])('role %s counts as %s', (role, kind) => {
    expect(audienceKind(role)).toBe(kind);
  });
});
