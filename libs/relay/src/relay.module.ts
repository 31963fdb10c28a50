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
import { EVENT_STORE } from '@switchboard/event-store';
import { closeAdapterWithin } from '@switchboard/platform/shutdown/close-adapter';
import { CHECKPOINT_STORE, type CheckpointStore } from './checkpoint-store.port';
import { type Lease, RELAY_LEASE } from './lease/lease.port';
import { describeLease, openLease } from './lease/lease.settings';
import { RelayRoutesRegistry } from './relay-routes.registry';
import type { RelayRoute } from './relay.options';
import { RELAY_SETTINGS, RelayService } from './relay.service';
import {
  describeCheckpointStore,
  openCheckpointStore,
  type RelayModuleSettings,
  relaySettingsFromConfig,
} from './relay.settings';

export interface RelayModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Default: `relaySettingsFromConfig` (checkpoints next to the configured event store). */
  readonly useFactory?: (...args: never[]) => RelayModuleSettings | Promise<RelayModuleSettings>;
  readonly inject?: FactoryProvider['inject'];
}

let featureCount = 0;

/**
 * The event-store → bus relay. `forRootAsync()` once in the app (after EventStoreModule and
 * BusModule, whose EVENT_STORE and BUS it uses); `forFeature(routes)` in each context module
 * that publishes. Provides `CHECKPOINT_STORE`, `RELAY_LEASE`, `RelayRoutesRegistry` and
 * `RelayService`, globally.
 */
@Module({})
export class RelayModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Relay');

  static forRootAsync(options: RelayModuleAsyncOptions = {}): DynamicModule {
    return {
      module: RelayModule,
      global: true,
      imports: [...(options.imports ?? [])],
      providers: [
        {
          provide: RELAY_SETTINGS,
          inject: [...(options.inject ?? [ConfigService])],
          useFactory: options.useFactory ?? relaySettingsFromConfig,
        },
        // After the event store (when there is one) and one after the other: each adapter
        // creates the same PostgreSQL schema under its own advisory lock, and concurrent
        // `CREATE SCHEMA IF NOT EXISTS` in one database can fail on the catalog.
        {
          provide: CHECKPOINT_STORE,
          inject: [RELAY_SETTINGS, { token: EVENT_STORE, optional: true }],
          useFactory: (settings: RelayModuleSettings) => openCheckpointStore(settings.checkpoints),
        },
        {
          provide: RELAY_LEASE,
          inject: [RELAY_SETTINGS, CHECKPOINT_STORE],
          useFactory: (settings: RelayModuleSettings) =>
            openLease(settings.lease?.store ?? { kind: 'none' }),
        },
        RelayRoutesRegistry,
        RelayService,
      ],
      exports: [CHECKPOINT_STORE, RELAY_LEASE, RelayRoutesRegistry, RelayService],
    };
  }

  /**
   * Registers a context's routes, e.g.
   * `RelayModule.forFeature([{ streamPrefix: 'consultation-', topic: TOPICS.consultationEvents }])`.
   * Needs `RelayModule.forRootAsync()` in the application.
   */
  static forFeature(routes: readonly RelayRoute[]): DynamicModule {
    const token = Symbol(`RelayRoutes#${++featureCount}`);
    return {
      module: RelayFeatureModule,
      providers: [
        {
          provide: token,
          inject: [RelayRoutesRegistry],
          useFactory: (registry: RelayRoutesRegistry) => registry.add(routes),
        },
      ],
    };
  }

  constructor(
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(RELAY_LEASE) private readonly lease: Lease,
    @Inject(RELAY_SETTINGS) private readonly settings: RelayModuleSettings,
    @Optional() private readonly config?: ConfigService,
  ) {}

  /** Logged here, not when opening, so it goes through the app's logger (pino). */
  onApplicationBootstrap(): void {
    this.logger.log(`Relay checkpoints: ${describeCheckpointStore(this.settings.checkpoints)}`);
    if (this.settings.lease !== undefined) {
      this.logger.log(`Relay lease: ${describeLease(this.settings.lease)}`);
    }
  }

  /** RelayService stopped the relay before this (beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await closeAdapterWithin(
      'Relay checkpoint store',
      () => this.checkpoints.close(),
      this.logger,
      this.config,
    );
    await closeAdapterWithin('Relay lease', () => this.lease.close(), this.logger, this.config);
  }
}

/** Carrier of one `forFeature` call's routes. */
@Module({})
export class RelayFeatureModule {}
