import { isStrategyName, type RoutingConfig, type StrategyName } from '@switchboard/routing';

/** DI token for the RoutingConfig the router uses. */
export const ROUTING_CONFIG = Symbol('RoutingConfig');

export const DEFAULT_ROUTING_STRATEGY: StrategyName = 'least-load';

/** The routing config from the validated environment (`ROUTING_DEFAULT_STRATEGY`). */
export function routingConfigFrom(defaultStrategy: string | undefined): RoutingConfig {
  if (defaultStrategy === undefined || defaultStrategy === '') {
    return { default: DEFAULT_ROUTING_STRATEGY };
  }
  if (!isStrategyName(defaultStrategy)) {
    throw new Error(`Unknown routing strategy: ${defaultStrategy}`);
  }
  return { default: defaultStrategy };
}
