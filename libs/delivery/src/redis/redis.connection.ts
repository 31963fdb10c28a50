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

/**
 * The live rows of an indexed set in one round trip, without SCAN: KEYS[1] is a set of ids,
 * ARGV[1] the prefix of the per-id keys (each with its own PX TTL). Ids whose key expired leave
 * the set on the way (Redis 7.0 has no per-field TTL, so rows are keys and the set indexes them).
 */
const LIVE_ROWS_SCRIPT = `
local rows = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local row = redis.call('GET', ARGV[1] .. id)
  if row then rows[#rows + 1] = row else redis.call('SREM', KEYS[1], id) end
end
return rows`;

const LIVE_ROWS_COMMAND = 'sbLiveRows';

/** The script as a command on a client or pipeline after {@link defineLiveRows}. */
export interface LiveRowsCommand<R> {
  sbLiveRows(setKey: string, rowPrefix: string): R;
}

/** Defines the live-rows command on `client` (once per client). */
export function defineLiveRows(client: Redis): void {
  if (!(LIVE_ROWS_COMMAND in client)) {
    client.defineCommand(LIVE_ROWS_COMMAND, { numberOfKeys: 1, lua: LIVE_ROWS_SCRIPT });
  }
}
