import type { ConfigService } from '@nestjs/config';
import type { Lease } from './lease.port';

/** Where the relay's lease lives (env RELAY_LEASE). */
export type LeaseStoreSettings =
  | { readonly kind: 'none' }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string }
  | { readonly kind: 'redis'; readonly url: string; readonly prefix?: string };

export interface RelayLeaseSettings {
  readonly store: LeaseStoreSettings;
  /** Env RELAY_LEASE_TTL_MS. Default 10 000. */
  readonly ttlMs: number;
}

export const DEFAULT_LEASE_TTL_MS = 10_000;

/**
 * RELAY_LEASE: `none` (one process; an in-process lease, always granted to its only relay),
 * `postgres` (DATABASE_URL; table `relay_leases` in the checkpoints' schema) or `redis`
 * (REDIS_URL, keys under DELIVERY_REDIS_PREFIX).
 */
export function leaseSettingsFromConfig(
  config: ConfigService,
  schema: string | undefined,
): RelayLeaseSettings {
  const ttlMs = config.get<number>('RELAY_LEASE_TTL_MS') ?? DEFAULT_LEASE_TTL_MS;
  const kind = config.get<string>('RELAY_LEASE') ?? 'none';
  switch (kind) {
    case 'none':
      return { store: { kind }, ttlMs };
    case 'postgres':
      return {
        store: { kind, connectionString: config.getOrThrow<string>('DATABASE_URL'), schema },
        ttlMs,
      };
    case 'redis':
      return {
        store: {
          kind,
          url: config.getOrThrow<string>('REDIS_URL'),
          prefix: config.get<string>('DELIVERY_REDIS_PREFIX'),
        },
        ttlMs,
      };
    default:
      throw new Error(`RELAY_LEASE: unknown lease store "${kind}"`);
  }
}

/** Opens the configured adapter; `pg` and `ioredis` load only when used. */
export async function openLease(settings: LeaseStoreSettings): Promise<Lease> {
  switch (settings.kind) {
    case 'none': {
      const { InMemoryLease } = await import('./in-memory.lease');
      return new InMemoryLease();
    }
    case 'postgres': {
      const { PostgresLease } = await import('./postgres.lease');
      return PostgresLease.open(settings);
    }
    case 'redis': {
      const { RedisLease } = await import('./redis.lease');
      return RedisLease.open(settings);
    }
  }
}

/** For the start-up log, without credentials. */
export function describeLease(settings: RelayLeaseSettings): string {
  const { store } = settings;
  switch (store.kind) {
    case 'none':
      return 'in-process (single instance)';
    case 'postgres': {
      const url = new URL(store.connectionString);
      return `postgres (${url.host}${url.pathname}, schema ${store.schema ?? 'event_store'}), TTL ${settings.ttlMs} ms`;
    }
    case 'redis': {
      const url = new URL(store.url);
      return `redis (${url.host}, prefix ${store.prefix ?? 'sb:'}), TTL ${settings.ttlMs} ms`;
    }
  }
}
