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
import type { BusLogger } from './bus.logger';
import { BUS, type Bus } from './bus.port';

/** Which adapter to open, and how. */
export type BusSettings =
  | { readonly kind: 'memory'; readonly partitions: number }
  | {
      readonly kind: 'kafka';
      readonly brokers: readonly string[];
      readonly clientId: string;
      readonly partitions: number;
      readonly replicationFactor: number;
    };

export interface BusModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Default: settings from BUS and the adapter's variables in ConfigService. */
  readonly useFactory?: (...args: never[]) => BusSettings | Promise<BusSettings>;
  readonly inject?: FactoryProvider['inject'];
}

const SETTINGS = Symbol('BusSettings');

/** Fallback close budget when SHUTDOWN_TIMEOUT_MS is absent (modules used outside Switchboard). */

/** Reads the variables the platform's env schema validated; throws when one is missing. */
export function busSettingsFromConfig(config: ConfigService): BusSettings {
  const kind = config.getOrThrow<string>('BUS');
  switch (kind) {
    case 'memory':
      return { kind, partitions: config.getOrThrow<number>('BUS_PARTITIONS') };
    case 'kafka': {
      const brokers = config.getOrThrow<string | readonly string[]>('KAFKA_BROKERS');
      return {
        kind,
        brokers: typeof brokers === 'string' ? brokers.split(',') : brokers,
        clientId: config.getOrThrow<string>('KAFKA_CLIENT_ID'),
        partitions: config.getOrThrow<number>('KAFKA_PARTITIONS'),
        replicationFactor: config.getOrThrow<number>('KAFKA_REPLICATION_FACTOR'),
      };
    }
    default:
      throw new Error(`BUS: unknown bus "${kind}"`);
  }
}

/** The adapters' warnings and errors go through the app's logger (JSON lines under pino). */
export function nestBusLogger(logger: Logger = new Logger('Bus')): BusLogger {
  const entry = (message: string, context?: Readonly<Record<string, unknown>>) =>
    context === undefined
      ? message
      : {
          msg: message,
          ...Object.fromEntries(
            Object.entries(context).map(([k, v]) => [k, v instanceof Error ? v.message : v]),
          ),
        };
  return {
    warn: (message, context) => logger.warn(entry(message, context)),
    error: (message, context) => logger.error(entry(message, context)),
  };
}

/** Opens the configured adapter; `kafkajs` loads only when BUS=kafka. */
export async function openBus(settings: BusSettings): Promise<Bus> {
  const logger = nestBusLogger();
  switch (settings.kind) {
    case 'memory': {
      const { InMemoryBus } = await import('./in-memory/in-memory.bus');
      return new InMemoryBus({ partitions: settings.partitions, logger });
    }
    case 'kafka': {
      const { KafkaBus } = await import('./kafka/kafka.bus');
      return KafkaBus.open({
        brokers: [...settings.brokers],
        clientId: settings.clientId,
        partitions: settings.partitions,
        replicationFactor: settings.replicationFactor,
        logger,
      });
    }
  }
}

/** For the start-up log. */
export function describeBus(settings: BusSettings): string {
  return settings.kind === 'memory'
    ? `memory (${settings.partitions} partitions per topic)`
    : `kafka (${settings.brokers.join(',')}, client ${settings.clientId}, ` +
        `${settings.partitions} partitions, replication ${settings.replicationFactor})`;
}

/**
 * Provides the Bus port under `BUS`, globally, and closes it on application shutdown (after
 * the HTTP server has drained).
 */
@Module({})
export class BusModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BusModule.name);

  static forRootAsync(options: BusModuleAsyncOptions = {}): DynamicModule {
    return {
      module: BusModule,
      global: true,
      imports: [...(options.imports ?? [])],
      providers: [
        {
          provide: SETTINGS,
          inject: [...(options.inject ?? [ConfigService])],
          useFactory: options.useFactory ?? busSettingsFromConfig,
        },
        {
          provide: BUS,
          inject: [SETTINGS],
          useFactory: openBus,
        },
      ],
      exports: [BUS],
    };
  }

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SETTINGS) private readonly settings: BusSettings,
    @Optional() private readonly config?: ConfigService,
  ) {}

  /** Logged here, not when opening, so it goes through the app's logger (pino), not the boot one. */
  onApplicationBootstrap(): void {
    this.logger.log(`Bus: ${describeBus(this.settings)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeAdapterWithin('Bus', () => this.bus.close(), this.logger, this.config);
  }
}
