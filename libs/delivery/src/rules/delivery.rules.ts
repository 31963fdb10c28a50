import type { DeviceKind } from '../connection-registry/connection-registry.port';
import type { ServerEvent } from '../gateway-link/gateway-link.port';

/**
 * Who a rule is about. `customer` is a customer or anyone whose live connection says so;
 * `staff` is agent, supervisor or admin; `system` is an automatic participant.
 */
export type AudienceKind = 'customer' | 'staff' | 'system';

/** A live device, or `offline` for a recipient with no live connection at all. */
export type Target = DeviceKind | 'offline';

export type RuleAction = 'deliver' | 'skip' | 'push';

/** One question put to the table: may `event` reach this target? */
export interface RuleSubject {
  readonly event: ServerEvent;
  readonly audience: AudienceKind;
  readonly target: Target;
  /** `message.new` of an internal note. */
  readonly internal: boolean;
  /** `message.new` of a `type: 'system'` message. */
  readonly system: boolean;
  /** Conversation domain (null outside one). */
  readonly domain: string | null;
}

/** Operator settings the rows refer to (env `PUSH_MUTED_SYSTEM_DOMAINS`). */
export interface DeliverySettings {
  /** Domains whose system messages are never pushed (they still reach live devices). */
  readonly mutedSystemPushDomains: readonly string[];
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { mutedSystemPushDomains: [] };

/**
 * A row matches when every field it sets matches; unset fields match anything. `target`:
 * a list of device kinds, `online` (any device) or `offline`.
 */
export interface DeliveryRule {
  readonly name: string;
  readonly event?: readonly ServerEvent[];
  readonly audience?: AudienceKind;
  readonly target?: readonly DeviceKind[] | 'online' | 'offline';
  readonly internal?: boolean;
  readonly system?: boolean;
  /** Matches when the subject's domain mutes system pushes in {@link DeliverySettings}. */
  readonly mutedSystemPushDomain?: boolean;
  readonly action: RuleAction;
}

/**
 * THE delivery rules, first match wins; the last two rows match everything, so every subject
 * gets an answer. Each row has a test in `delivery.rules.spec.ts`. Only `message.new` is ever
 * pushed: typing, presence, read and consultation updates are worthless once late.
 */
export const DELIVERY_RULES: readonly DeliveryRule[] = Object.freeze([
  {
    name: 'internal notes never reach customers',
    event: ['message.new'],
    audience: 'customer',
    internal: true,
    action: 'skip',
  },
  { name: 'internal notes are never pushed', internal: true, target: 'offline', action: 'skip' },
  {
    name: 'typing only on web and desktop',
    event: ['typing'],
    target: ['ios', 'android'],
    action: 'skip',
  },
  {
    name: 'system messages are not pushed in muted domains',
    event: ['message.new'],
    system: true,
    mutedSystemPushDomain: true,
    target: 'offline',
    action: 'skip',
  },
  {
    name: 'an offline customer gets a push for a new message',
    event: ['message.new'],
    audience: 'customer',
    target: 'offline',
    action: 'push',
  },
  // Agents work in the desktop app and the queue reassigns what they miss; pushing them
  // every customer line would be noise.
  {
    name: 'offline staff get no push',
    event: ['message.new'],
    audience: 'staff',
    target: 'offline',
    action: 'skip',
  },
  { name: 'nothing else is pushed', target: 'offline', action: 'skip' },
  { name: 'live devices get the rest', target: 'online', action: 'deliver' },
]);

/** The first row matching `subject`, and its action. */
export function decideDelivery(
  subject: RuleSubject,
  settings: DeliverySettings = DEFAULT_DELIVERY_SETTINGS,
  rules: readonly DeliveryRule[] = DELIVERY_RULES,
): { readonly action: RuleAction; readonly rule: string } {
  const rule = rules.find((row) => matches(row, subject, settings));
  if (rule === undefined) return { action: 'skip', rule: 'no rule matched' };
  return { action: rule.action, rule: rule.name };
}

/** Whether a live device may receive the event (a `push` answer means nothing online). */
export function mayDeliver(subject: RuleSubject, settings?: DeliverySettings): boolean {
  return subject.target !== 'offline' && decideDelivery(subject, settings).action === 'deliver';
}

/** Whether an offline recipient gets an offline push request. */
export function mayPush(subject: RuleSubject, settings?: DeliverySettings): boolean {
  return subject.target === 'offline' && decideDelivery(subject, settings).action === 'push';
}

/** Maps a platform role to the rules' audience kind. */
export function audienceKind(role: string): AudienceKind {
  if (role === 'customer') return 'customer';
  if (role === 'system') return 'system';
  if (role === 'agent' || role === 'supervisor' || role === 'admin') return 'staff';
  // An unknown role gets the most restricted treatment.
  return 'customer';
}

function matches(rule: DeliveryRule, subject: RuleSubject, settings: DeliverySettings): boolean {
  if (rule.event !== undefined && !rule.event.includes(subject.event)) return false;
  if (rule.audience !== undefined && rule.audience !== subject.audience) return false;
  if (rule.internal !== undefined && rule.internal !== subject.internal) return false;
  if (rule.system !== undefined && rule.system !== subject.system) return false;
  if (rule.mutedSystemPushDomain !== undefined) {
    const muted =
      subject.domain !== null && settings.mutedSystemPushDomains.includes(subject.domain);
    if (muted !== rule.mutedSystemPushDomain) return false;
  }
  if (rule.target === undefined) return true;
  if (rule.target === 'offline') return subject.target === 'offline';
  if (rule.target === 'online') return subject.target !== 'offline';
  return subject.target !== 'offline' && rule.target.includes(subject.target);
}
