import { type DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { SwitchboardEnv } from './config/env.schema';
import { PlatformConfigModule } from './config/platform-config.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { HttpDrainService } from './shutdown/http-drain.service';

export interface PlatformOptions {
  /** Already validated: call `loadEnv()` (main) or `validateEnv({...})` (tests) first. */
  readonly env: SwitchboardEnv;
  /** Log destination; default stdout. */
  readonly logStream?: DestinationStream;
}

/**
 * What every Switchboard process needs whatever it runs: typed config, JSON logs with
 * correlation ids, `/health`, `/metrics` and HTTP draining on shutdown.
 *
 * `/health` pings the EVENT_STORE and BUS providers: import EventStoreModule and BusModule
 * next to this module.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        PlatformConfigModule.forRoot(options.env),
        LoggingModule.forRoot({ stream: options.logStream }),
        MetricsModule,
        HealthModule,
      ],
      providers: [HttpDrainService],
    };
  }
}
