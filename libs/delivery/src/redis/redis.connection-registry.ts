import type { Redis } from 'ioredis';
import {
  CONNECTION_TTL_MS,
  type ConnectionRecord,
  type ConnectionRegistry,
} from '../connection-registry/connection-registry.port';
import {
  DEFAULT_REDIS_PREFIX,
  defineLiveRows,
  execOrThrow,
  type LiveRowsCommand,
  openRedis,
  quitRedis,
  type RedisConnection,
} from './redis.connection';

export interface RedisConnectionRegistryOptions {
  /** A Redis URL (owned: quit on close) or a shared client (left open on close). */
  readonly redis: RedisConnection;
  /** Key prefix (default `sb:`); every key of this adapter starts with it. */
  readonly prefix?: string;
  /** Row lifetime without a heartbeat (default {@link CONNECTION_TTL_MS}). */
  readonly ttlMs?: number;
}

/**
 * The DispatcherTable in Redis, shared by every gateway and dispatcher process.
 *
 * Keys per uid: `<prefix>conn:{<uid>}` is a set of wsids, `<prefix>conn:{<uid>}:<wsid>` the
 * JSON row with a PX TTL. The set's own TTL is pushed to "now + ttl" on every write, so it
 * outlives each of its rows and disappears with the last one. A heartbeat rewrites its rows,
 * which is also how the table comes back after a flush or a failover to an empty replica.
 */
export class RedisConnectionRegistry implements ConnectionRegistry {
  private readonly client: Redis;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private closed = false;

  constructor(options: RedisConnectionRegistryOptions) {
    this.ttlMs = options.ttlMs ?? CONNECTION_TTL_MS;
    if (!Number.isInteger(this.ttlMs) || this.ttlMs <= 0) {
      throw new RangeError('RedisConnectionRegistry: ttlMs must be a positive integer');
    }
    this.prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    const opened = openRedis(options.redis);
    this.client = opened.client;
    this.owned = opened.owned;
    // Row keys share the uid set's hash tag, so the script stays on one slot of a cluster.
    defineLiveRows(this.client);
  }

  async register(connection: ConnectionRecord): Promise<void> {
    await this.write([connection]);
  }

  async heartbeat(connections: readonly ConnectionRecord[]): Promise<void> {
    await this.write(connections);
  }

  async unregister(uid: string, wsid: string): Promise<void> {
    this.assertOpen();
    await execOrThrow(this.client.multi().del(this.rowKey(uid, wsid)).srem(this.setKey(uid), wsid));
  }

  async lookup(uids: readonly string[]): Promise<ReadonlyMap<string, readonly ConnectionRecord[]>> {
    this.assertOpen();
    const unique = [...new Set(uids)];
    const found = new Map<string, readonly ConnectionRecord[]>();
    if (unique.length === 0) return found;
    // One script call per uid keeps each call on one cluster slot; the pipeline keeps the
    // whole lookup to one round trip however many uids a message fans out to.
    const pipeline = this.client.pipeline();
    for (const uid of unique) {
      (pipeline as unknown as LiveRowsCommand<unknown>).sbLiveRows(
        this.setKey(uid),
        this.rowPrefix(uid),
      );
    }
    const replies = await execOrThrow(pipeline);
    unique.forEach((uid, index) => {
      const rows = parseRows(replies[index]);
      if (rows.length > 0) found.set(uid, rows);
    });
    return found;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) await quitRedis(this.client);
  }

  /** The keys of this adapter (tests and operators delete them instead of a FLUSHDB). */
  get keyPattern(): string {
    return `${this.prefix}conn:*`;
  }

  private async write(connections: readonly ConnectionRecord[]): Promise<void> {
    this.assertOpen();
    if (connections.length === 0) return;
    const pipeline = this.client.pipeline();
    for (const connection of connections) {
      const setKey = this.setKey(connection.uid);
      pipeline
        .set(
          this.rowKey(connection.uid, connection.wsid),
          JSON.stringify(connection),
          'PX',
          this.ttlMs,
        )
        .sadd(setKey, connection.wsid)
        .pexpire(setKey, this.ttlMs);
    }
    await execOrThrow(pipeline);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('ConnectionRegistry is closed');
  }

  private setKey(uid: string): string {
    return `${this.prefix}conn:{${uid}}`;
  }

  private rowPrefix(uid: string): string {
    return `${this.setKey(uid)}:`;
  }

  private rowKey(uid: string, wsid: string): string {
    return `${this.rowPrefix(uid)}${wsid}`;
  }
}

/** Rows that do not parse are skipped: one bad row must not hide a user's other devices. */
function parseRows(reply: unknown): ConnectionRecord[] {
  if (!Array.isArray(reply)) return [];
  const rows: ConnectionRecord[] = [];
  for (const item of reply) {
    try {
      const row: unknown = JSON.parse(String(item));
      if (typeof row === 'object' && row !== null && 'uid' in row && 'wsid' in row) {
        rows.push(row as ConnectionRecord);
      }
    } catch {
      // Skipped on purpose (see above).
    }
  }
  return rows;
}
