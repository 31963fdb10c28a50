import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvValidationError, loadEnv, type SwitchboardEnv } from '@switchboard/platform';
import { createDataApp } from './data.app';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** The data service (`apps/data`): same environment and shutdown rules as `apps/switchboard`. */
async function main(): Promise<void> {
  let env: SwitchboardEnv;
  try {
    env = loadEnv();
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${error.message}\nThe data service did not start. See .env.example.\n`);
    process.exit(1);
  }

  const app = await createDataApp({ env });
  const logger = new Logger('Data');
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      logger.log(`${signal} received: shutting down within ${env.SHUTDOWN_TIMEOUT_MS} ms`);
      setTimeout(() => {
        logger.error(`Shutdown took over ${env.SHUTDOWN_TIMEOUT_MS} ms: exiting anyway`);
        process.exit(1);
      }, env.SHUTDOWN_TIMEOUT_MS).unref();
    });
  }

  if (env.HOST === undefined) await app.listen(env.PORT);
  else await app.listen(env.PORT, env.HOST);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  logger.log(
    `Data service listening on ${env.HOST ?? 'all interfaces'}, port ${port} ` +
      `(event store: ${env.EVENT_STORE}, bus: ${env.BUS}, NODE_ENV: ${env.NODE_ENV})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The data service failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
