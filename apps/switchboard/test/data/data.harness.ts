import type { INestApplication } from '@nestjs/common';
import { AuthTokenService, CLOCK, type Clock, type Role } from '@switchboard/platform';
import type { Server } from 'node:http';
import { eventually as poll, startSwitchboard } from '../switchboard.harness';

export interface DataApi {
  readonly app: INestApplication;
  readonly server: Server;
  bearer(userId: string, role: Role): string;
  dispose(): Promise<void>;
}

/** A conversion window the scenario's orders fall well inside, whatever the app's default. */
export const TEST_CONVERSION_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Switchboard (embedded adapters, temp files; the data module's options from the DATA_*
 * variables below) with a test clock.
 */
export async function startWithData(clock: Clock): Promise<DataApi> {
  const harness = await startSwitchboard({
    env: {
      LOG_LEVEL: 'warn',
      DATA_STORE: 'sqlite',
      DATA_CONVERSION_WINDOW_MS: String(TEST_CONVERSION_WINDOW_MS),
      DATA_METRICS_CACHE_MS: '0',
    },
    override: (builder) => builder.overrideProvider(CLOCK).useValue(clock),
  });
  const tokens = harness.app.get(AuthTokenService);
  return {
    app: harness.app,
    server: harness.app.getHttpServer() as Server,
    bearer: (userId, role) => `Bearer ${tokens.sign({ userId, role })}`,
    dispose: () => harness.dispose(),
  };
}

/** Polls until `check` stops throwing: the metrics follow the topics asynchronously. */
export const eventually = <T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> =>
  poll(check, timeoutMs);
