import type { Provider } from '@nestjs/common';
import { CONNECTION_REGISTRY } from '../connection-registry/connection-registry.port';
import { InMemoryConnectionRegistry } from '../connection-registry/in-memory.connection-registry';
import { GATEWAY_LINK } from '../gateway-link/gateway-link.port';
import {
  type GatewayLinkLogger,
  InProcessGatewayLink,
} from '../gateway-link/in-process.gateway-link';
import { type AllocationStrategy, isAllocationStrategy } from '../membership/gateway-allocation';
import { GATEWAY_ALLOCATION_OPTIONS } from '../membership/gateway-allocation.controller';
import { InMemoryMembership } from '../membership/in-memory.membership';
import { MEMBERSHIP } from '../membership/membership.port';
import { DEFAULT_REDIS_PREFIX } from './redis.connection';
import { RedisConnectionRegistry } from './redis.connection-registry';
import { RedisGatewayLink } from './redis.gateway-link';
import { RedisMembership } from './redis.membership';

/** Env `DELIVERY_ADAPTER`: `memory` (one process, the default) or `redis` (scale-out). */
export type DeliveryAdapter = 'memory' | 'redis';

export interface DeliveryAdapterOptions {
  readonly adapter: DeliveryAdapter;
  /** Env `REDIS_URL`; required with `redis`. */
  readonly redisUrl?: string;
  /** Env `DELIVERY_REDIS_PREFIX` (default `sb:`): several deployments may share one Redis. */
  readonly prefix?: string;
  /** Env `GATEWAY_ALLOCATION` (default `least-connections`). */
  readonly allocation?: AllocationStrategy;
  readonly logger?: GatewayLinkLogger;
}

/**
 * Providers for CONNECTION_REGISTRY, GATEWAY_LINK, MEMBERSHIP and GATEWAY_ALLOCATION_OPTIONS.
 * Each Redis adapter opens its own connection from the URL and quits it on close (the link
 * opens a second one to subscribe), so closing one never breaks another.
 */
export function deliveryAdapterProviders(options: DeliveryAdapterOptions): Provider[] {
  const redisUrl = (): string => {
    if (options.redisUrl === undefined || options.redisUrl === '') {
      throw new Error('DELIVERY_ADAPTER=redis needs REDIS_URL');
    }
    return options.redisUrl;
  };
  const redis = options.adapter === 'redis';
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  return [
    {
      provide: CONNECTION_REGISTRY,
      useFactory: () =>
        redis
          ? new RedisConnectionRegistry({ redis: redisUrl(), prefix })
          : new InMemoryConnectionRegistry(),
    },
    {
      provide: GATEWAY_LINK,
      useFactory: () =>
        redis
          ? new RedisGatewayLink({ redis: redisUrl(), prefix, logger: options.logger })
          : new InProcessGatewayLink(options.logger),
    },
    {
      provide: MEMBERSHIP,
      useFactory: () =>
        redis ? new RedisMembership({ redis: redisUrl(), prefix }) : new InMemoryMembership(),
    },
    {
      provide: GATEWAY_ALLOCATION_OPTIONS,
      useValue: { strategy: options.allocation ?? 'least-connections' },
    },
  ];
}

/** Parses `DELIVERY_ADAPTER` (unset → memory); anything else is a configuration error. */
export function parseDeliveryAdapter(value: string | undefined): DeliveryAdapter {
  if (value === undefined || value === '') return 'memory';
  if (value === 'memory' || value === 'redis') return value;
  throw new RangeError(`DELIVERY_ADAPTER must be memory or redis, got "${value}"`);
}

/** Parses `GATEWAY_ALLOCATION` (unset → least-connections). */
export function parseAllocationStrategy(value: string | undefined): AllocationStrategy {
  if (value === undefined || value === '') return 'least-connections';
  if (isAllocationStrategy(value)) return value;
  throw new RangeError(
    `GATEWAY_ALLOCATION must be ip-hash, round-robin or least-connections, got "${value}"`,
  );
}
