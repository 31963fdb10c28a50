import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@switchboard/bus';
import { ConsultationModule } from '@switchboard/consultation/infrastructure/consultation.module';
import { PlatformModule, type PlatformOptions } from '@switchboard/platform';
import { EventStoreModule } from '@switchboard/event-store';
import { RelayModule } from '@switchboard/relay';

/**
 * The whole of Switchboard in one process. The adapters come from the environment; with none
 * set, the embedded defaults (SQLite under ./data, in-process bus) need nothing installed.
 *
 * Import order matters: both adapter modules are global, and Nest starts global modules in
 * import order and shuts them down in reverse. The event store opens first and closes last, so
 * bus consumers stop (finishing their handlers' appends) before the store closes. The relay
 * (event store → bus topics) stops before both, flushing what it has read.
 */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options),
        EventStoreModule.forRootAsync(),
        BusModule.forRootAsync(),
        RelayModule.forRootAsync(),
        CqrsModule.forRoot(),
        ConsultationModule,
      ],
    };
  }
}
