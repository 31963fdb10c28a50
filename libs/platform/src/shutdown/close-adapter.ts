import { type Logger } from '@nestjs/common';
import { type ConfigService } from '@nestjs/config';

const DEFAULT_CLOSE_TIMEOUT_MS = 2_500;

/**
 * Closes an adapter on application shutdown within a quarter of SHUTDOWN_TIMEOUT_MS, logging
 * the outcome instead of throwing: one adapter that hangs must not keep the next from closing.
 */
export async function closeAdapterWithin(
  name: string,
  close: () => Promise<void>,
  logger: Logger,
  config?: ConfigService,
): Promise<void> {
  const shutdownMs = config?.get<number>('SHUTDOWN_TIMEOUT_MS');
  const budget = shutdownMs === undefined ? DEFAULT_CLOSE_TIMEOUT_MS : Math.floor(shutdownMs / 4);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      close(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`close() took over ${budget} ms`)), budget);
      }),
    ]);
    logger.log(`${name} closed`);
  } catch (error) {
    logger.error(`${name} did not close cleanly: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
