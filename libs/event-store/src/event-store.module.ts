import {
  type DynamicModule,
  type FactoryProvider,
  Inject,
  Logger,
  Module,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { closeAdapterWithin } from '@switchboard/platform/shutdown/close-adapter';
import { resolve } from 'node:path';
import { EVENT_STORE, type EventStore } from './event-store.port';

/** Which adapter to open, and how. */
export type EventStoreSettings =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

export interface EventStoreModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Default: settings from EVENT_STORE and the adapter's variables in ConfigService. */
  readonly useFactory?: (...args: never[]) => EventStoreSettings | Promise<EventStoreSettings>;
  readonly inject?: FactoryProvider['inject'];
}

const SETTINGS = Symbol('EventStoreSettings');

/** Fallback close budget when SHUTDOWN_TIMEOUT_MS is absent (modules used outside Switchboard). */

/** Reads the variables the platform's env schema validated; throws when one is missing. */
export function eventStoreSettingsFromConfig(config: ConfigService): EventStoreSettings {
  const kind = config.getOrThrow<string>('EVENT_STORE');
  switch (kind) {
    case 'sqlite':
      return { kind, filename: config.getOrThrow<string>('SQLITE_FILENAME') };
    case 'postgres':
      return {
        kind,
        connectionString: config.getOrThrow<string>('DATABASE_URL'),
        schema: config.get<string>('EVENT_STORE_SCHEMA'),
      };
    case 'eventstoredb':
      return { kind, connectionString: config.getOrThrow<string>('EVENTSTORE_URL') };
    default:
      throw new Error(`EVENT_STORE: unknown event store "${kind}"`);
  }
}

/**
 * Opens the configured adapter. Drivers load lazily: the embedded default never loads `pg` or
 * the EventStoreDB client.
 */
export async function openEventStore(settings: EventStoreSettings): Promise<EventStore> {
  switch (settings.kind) {
    case 'sqlite': {
      // The adapter creates the file's directory (./data on a fresh checkout).
      const { SqliteEventStore } = await import('./sqlite/sqlite.event-store');
      return SqliteEventStore.open({ filename: settings.filename });
    }
    case 'postgres': {
      const { PostgresEventStore } = await import('./postgres/postgres.event-store');
      return PostgresEventStore.open({
        connectionString: settings.connectionString,
        schema: settings.schema,
      });
    }
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb.event-store');
      return EventStoreDbEventStore.open({ connectionString: settings.connectionString });
    }
  }
}

/** Where an adapter points, without credentials, for the start-up log. */
export function describeEventStore(settings: EventStoreSettings): string {
  if (settings.kind === 'sqlite') return `sqlite (${resolve(settings.filename)})`;
  const url = new URL(settings.connectionString);
  return `${settings.kind} (${url.host}${settings.kind === 'postgres' ? url.pathname : ''})`;
}

/**
 * Provides the EventStore port under `EVENT_STORE`, globally, and closes it on application
 * shutdown (after the HTTP server has drained).
 */
@Module({})
export class EventStoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  static forRootAsync(options: EventStoreModuleAsyncOptions = {}): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      imports: [...(options.imports ?? [])],
      providers: [
        {
          provide: SETTINGS,
          inject: [...(options.inject ?? [ConfigService])],
          useFactory: options.useFactory ?? eventStoreSettingsFromConfig,
        },
        {
          provide: EVENT_STORE,
          inject: [SETTINGS],
          useFactory: openEventStore,
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SETTINGS) private readonly settings: EventStoreSettings,
    @Optional() private readonly config?: ConfigService,
  ) {}

  /** Logged here, not when opening, so it goes through the app's logger (pino), not the boot one. */
  onApplicationBootstrap(): void {
    this.logger.log(`Event store: ${describeEventStore(this.settings)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeAdapterWithin('Event store', () => this.store.close(), this.logger, this.config);
  }
}
