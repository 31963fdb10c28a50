import { groupOf, type RoutableConsultation, type StrategyName } from './routing.types';

/**
 * Which strategy routes which consultations. A group's entry wins over its domain's, and the
 * default covers the rest. Loaded by the application; here only looked up.
 */
export interface RoutingConfig {
  readonly default: StrategyName;
  readonly groups?: Readonly<Record<string, StrategyName>>;
  readonly domains?: Readonly<Record<string, StrategyName>>;
}

export function strategyFor(
  config: RoutingConfig,
  consultation: RoutableConsultation,
): StrategyName {
  const group = groupOf(consultation);
  const byGroup = group === undefined ? undefined : own(config.groups, group);
  return byGroup ?? own(config.domains, consultation.domain) ?? config.default;
}

/**
 * The key a consultation waits and rotates under: its group, or its domain when it has none.
 * It names the queue stream and keys the strategy state. Prefixed so a group and a domain
 * that happen to share a name never share a queue.
 */
export function routingKeyOf(consultation: RoutableConsultation): string {
  const group = groupOf(consultation);
  return group === undefined ? `domain:${consultation.domain}` : `group:${group}`;
}

// Own properties only: a group called `constructor` must not find Object.prototype's.
function own<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
