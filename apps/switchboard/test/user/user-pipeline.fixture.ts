import type { INestApplication } from '@nestjs/common';
import { AuthTokenService, type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { eventually as poll, startSwitchboard } from '../switchboard.harness';

export interface Pipeline {
  readonly app: INestApplication;
  readonly server: Server;
  bearer(userId: string, role: Role): string;
  id(prefix: string): string;
  dispose(): Promise<void>;
}

/**
 * The whole of Switchboard (embedded adapters, temp SQLite file) with the data service's
 * projector and the user module: REST writes travel relay → bus → projector → fact store and
 * come back through the user routes.
 */
export async function startPipeline(): Promise<Pipeline> {
  const harness = await startSwitchboard({ env: { LOG_LEVEL: 'warn' } });
  const tokens = harness.app.get(AuthTokenService);
  return {
    app: harness.app,
    server: harness.app.getHttpServer() as Server,
    bearer: (userId, role) => `Bearer ${tokens.sign({ userId, role })}`,
    id: (prefix) => `${prefix}-${randomUUID().slice(0, 8)}`,
    dispose: () => harness.dispose(),
  };
}

/** Polls until `check` stops throwing: the read model follows the log asynchronously. */
export const eventually = <T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> =>
  poll(check, timeoutMs);
