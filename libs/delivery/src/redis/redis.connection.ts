import { Redis } from 'ioredis';

/** A Redis URL (the adapter opens and owns the client) or a client someone else owns. */
export type RedisConnection = Redis | string;

/** Default key prefix of the Delivery adapters; tests use a random one per run. */
export const DEFAULT_REDIS_PREFIX = 'sb:';

export interface OpenedRedis {
  readonly client: Redis;
  /** Close quits only a client the adapter opened itself. */
  readonly owned: boolean;
}

export function openRedis(connection: RedisConnection): OpenedRedis {
  if (typeof connection !== 'string') return { client: connection, owned: false };
  // Fail fast instead of queueing commands forever while Redis is down: the dispatcher
  // treats a failed lookup as a retryable error, and the bus redelivers.
  const client = new Redis(connection, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // Without a listener an 'error' event crashes the process; ioredis reconnects by itself.
  client.on('error', () => undefined);
  return { client, owned: true };
}

/** QUIT, or DISCONNECT when the server does not answer (close must not hang). */
export async function quitRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

type Batch = ReturnType<Redis['pipeline']> | ReturnType<Redis['multi']>;

/** Runs a pipeline or MULTI; the first failed command rejects (ioredis only reports them). */
export async function execOrThrow(batch: Batch): Promise<unknown[]> {
  const results = (await batch.exec()) ?? [];
  return results.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}
