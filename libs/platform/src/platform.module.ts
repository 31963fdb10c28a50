import { type DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AuthModule } from './auth/auth.module';
import { CLOCK, SystemClock } from './clock/clock.port';
import type { SwitchboardEnv } from './config/env.schema';
import { PlatformConfigModule } from './config/platform-config.module';
import { HealthModule } from './health/health.module';
import { PlatformHttpModule } from './http/platform-http.module';
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
 * correlation ids, `/health`, `/metrics`, HTTP draining on shutdown, and the HTTP conventions
 * of the /v1 API: JWT auth on every route not `@Public()`, DTO validation, `{code, message}`
 * errors. OpenAPI needs the app instance: call `setupOpenApi(app)` (configureApp does).
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
        PlatformHttpModule,
        AuthModule.forRoot(options.env),
      ],
      providers: [HttpDrainService, { provide: CLOCK, useClass: SystemClock }],
      exports: [CLOCK],
      global: true,
    };
  }
}
