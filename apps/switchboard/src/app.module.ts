import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@switchboard/bus';
import { ConsultationModule } from '@switchboard/consultation/infrastructure/consultation.module';
import { PlatformModule, type PlatformOptions } from '@switchboard/platform';
// Not (yet) re-exported by libs/event-store/src/index.ts, whose owner decides what the barrel
// carries; switch to '@switchboard/event-store' once it is.
import { EventStoreModule } from '../../../libs/event-store/src/event-store.module';

/**
 * The whole of Switchboard in one process. The adapters come from the environment; with none
 * set, the embedded defaults (SQLite under ./data, in-process bus) need nothing installed.
 *
 * Import order matters: both adapter modules are global, and Nest starts global modules in
 * import order and shuts them down in reverse. The event store opens first and closes last, so
 * bus consumers stop (finishing their handlers' appends) before the store closes.
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
        CqrsModule.forRoot(),
        ConsultationModule,
      ],
    };
  }
}
