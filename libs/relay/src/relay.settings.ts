import type { ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import type { CheckpointStore } from './checkpoint-store.port';
import { leaseSettingsFromConfig, type RelayLeaseSettings } from './lease/lease.settings';
import type { RelayOptions } from './relay.options';

/** Where the relay keeps its checkpoint. */
export type CheckpointStoreSettings =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string }
  | { readonly kind: 'memory' };

/** Tuning a deployment may change; everything else comes from the modules. */
export type RelayTuning = Partial<
  Pick<
    RelayOptions,
    | 'batchSize'
    | 'lingerMs'
    | 'maxBuffered'
    | 'retryDelayMs'
    | 'maxRetryDelayMs'
    | 'stopTimeoutMs'
    | 'initialPosition'
    | 'contracts'
  >
>;

export interface RelayModuleSettings {
  readonly checkpoints: CheckpointStoreSettings;
  /** Checkpoint name. Default `relay`. */
  readonly name?: string;
  /** `false`: provide everything but start no relay (a process that must not publish). */
  readonly enabled?: boolean;
  readonly tuning?: RelayTuning;
  /**
   * Only the holder of the lease named like the relay runs it (one active relay across
   * instances). Default: an in-process lease, always granted.
   */
  readonly lease?: RelayLeaseSettings;
  /** This instance's id as a lease holder. Default `<hostname>-<pid>-<random>`. */
  readonly holder?: string;
}

/**
 * From the variables the platform validated: the checkpoint lives next to the events, so
 * resetting the store resets the checkpoint with it (a checkpoint that outlived its log would
 * make the relay skip every new event up to the old position).
 *
 * - EVENT_STORE=sqlite: the SQLITE_FILENAME file (table `relay_checkpoints`).
 * - EVENT_STORE=postgres: DATABASE_URL, in the store's schema (EVENT_STORE_SCHEMA or
 *   `event_store`).
 * - EVENT_STORE=eventstoredb: PostgreSQL (schema `relay`) when DATABASE_URL is set, else the
 *   SQLite file; ESDB itself has no table to put it in.
 *
 * RELAY_NAME names the checkpoint and the lease (apps that relay different streams need
 * different names); RELAY_LEASE and RELAY_LEASE_TTL_MS choose the lease (`lease.settings.ts`).
 */
export function relaySettingsFromConfig(config: ConfigService): RelayModuleSettings {
  const base = checkpointSettingsFromConfig(config);
  const name = config.get<string>('RELAY_NAME');
  const schema = base.checkpoints.kind === 'postgres' ? base.checkpoints.schema : undefined;
  return {
    ...base,
    ...(name === undefined ? {} : { name }),
    lease: leaseSettingsFromConfig(config, schema),
  };
}

function checkpointSettingsFromConfig(config: ConfigService): RelayModuleSettings {
  const shutdownMs = config.get<number>('SHUTDOWN_TIMEOUT_MS');
  const tuning: RelayTuning =
    shutdownMs === undefined ? {} : { stopTimeoutMs: Math.floor(shutdownMs / 4) };
  const sqlite = (): CheckpointStoreSettings => ({
    kind: 'sqlite',
    filename: config.getOrThrow<string>('SQLITE_FILENAME'),
  });
  const kind = config.getOrThrow<string>('EVENT_STORE');
  switch (kind) {
    case 'sqlite':
      return { checkpoints: sqlite(), tuning };
    case 'postgres':
      return {
        checkpoints: {
          kind,
          connectionString: config.getOrThrow<string>('DATABASE_URL'),
          schema: config.get<string>('EVENT_STORE_SCHEMA') ?? 'event_store',
        },
        tuning,
      };
    case 'eventstoredb': {
      const url = config.get<string>('DATABASE_URL');
      const checkpoints: CheckpointStoreSettings =
        url === undefined ? sqlite() : { kind: 'postgres', connectionString: url, schema: 'relay' };
      return { checkpoints, tuning };
    }
    default:
      throw new Error(`EVENT_STORE: unknown event store "${kind}"`);
  }
}

/** Opens the configured adapter; `pg` loads only for PostgreSQL. */
export async function openCheckpointStore(
  settings: CheckpointStoreSettings,
): Promise<CheckpointStore> {
  switch (settings.kind) {
    case 'sqlite': {
      const { SqliteCheckpointStore } = await import('./sqlite/sqlite.checkpoint-store');
      return SqliteCheckpointStore.open({ filename: settings.filename });
    }
    case 'postgres': {
      const { PostgresCheckpointStore } = await import('./postgres/postgres.checkpoint-store');
      return PostgresCheckpointStore.open(settings);
    }
    case 'memory': {
      const { InMemoryCheckpointStore } = await import('./in-memory/in-memory.checkpoint-store');
      return new InMemoryCheckpointStore();
    }
  }
}

/** Where checkpoints are kept, without credentials, for the start-up log. */
export function describeCheckpointStore(settings: CheckpointStoreSettings): string {
  switch (settings.kind) {
    case 'sqlite':
      return `sqlite (${settings.filename === ':memory:' ? ':memory:' : resolve(settings.filename)})`;
    case 'postgres': {
      const url = new URL(settings.connectionString);
      return `postgres (${url.host}${url.pathname}, schema ${settings.schema ?? 'event_store'})`;
    }
    case 'memory':
      return 'memory';
  }
}
