import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BusModule } from '@switchboard/bus';
import { DataModule } from '@switchboard/data/infrastructure/data.module';
import type { DataModuleOptions } from '@switchboard/data/infrastructure/data.options';
import { type DataEnv, dataOptionsFromEnv } from '@switchboard/data/infrastructure/data.settings';
import { EventStoreModule } from '@switchboard/event-store';
import { PlatformModule, type PlatformOptions } from '@switchboard/platform';
import { RelayModule, relaySettingsFromConfig } from '@switchboard/relay';

/** The relay checkpoint of this process: apart from the other apps' relays on the same log. */
export const DATA_RELAY_NAME = 'data';

/**
 * The data service as its own process: the projector (consumer group `data` on the public
 * topics), the read model, `GET /v1/metrics`, the `switchboard_data_*` gauges and the orders
 * integration. The orders endpoint writes to the event log, so this app opens the event store
 * and runs a relay of its own (checkpoint `data`) that publishes only `order-*` streams on
 * `commerce.orders.v1`.
 *
 * Import order: the global adapter modules start in this order and stop in reverse, so the
 * projector stops before the bus closes and the event store closes last.
 */
@Module({})
export class DataAppModule {
  /** `data` replaces options read from the environment (tests: a temp store, a short cache). */
  static forRoot(options: PlatformOptions, data: Partial<DataModuleOptions> = {}): DynamicModule {
    return {
      module: DataAppModule,
      imports: [
        PlatformModule.forRoot(options),
        EventStoreModule.forRootAsync(),
        BusModule.forRootAsync(),
        RelayModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            ...relaySettingsFromConfig(config),
            name: DATA_RELAY_NAME,
          }),
        }),
        // DATA_* come through the validated environment once the platform schema lists them.
        DataModule.forRoot(dataOptionsFromEnv(options.env as DataEnv, data)),
      ],
    };
  }
}
