import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { SwitchboardEnv } from './env.schema';

/** The validated environment, for code that wants the whole typed object. */
export const SWITCHBOARD_ENV = Symbol('SwitchboardEnv');

/**
 * Serves an already validated environment through Nest's global `ConfigService`.
 *
 * Validation happens before Nest starts (see `loadEnv`), so a bad value stops the process with
 * one clear message instead of a stack trace from deep inside module initialisation. The
 * ConfigService never falls back to `process.env`: the schema is the single source of truth,
 * and test apps in one process cannot see each other's variables.
 */
@Module({})
export class PlatformConfigModule {
  static forRoot(env: SwitchboardEnv): DynamicModule {
    return {
      module: PlatformConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validatePredefined: false,
          skipProcessEnv: true,
          load: [() => ({ ...env })],
        }),
      ],
      providers: [{ provide: SWITCHBOARD_ENV, useValue: env }],
      exports: [SWITCHBOARD_ENV, ConfigModule],
    };
  }
}
