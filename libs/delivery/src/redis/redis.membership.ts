import type { Redis } from 'ioredis';
import { assertMembershipTtl, byGatewayIdOrder } from '../membership/in-memory.membership';
import type { GatewayInfo, Membership } from '../membership/membership.port';
import {
  DEFAULT_REDIS_PREFIX,
  defineLiveRows,
  execOrThrow,
  type LiveRowsCommand,
  openRedis,
  quitRedis,
  type RedisConnection,
} from './redis.connection';

export interface RedisMembershipOptions {
  /** A Redis URL (owned: quit on close) or a shared client (left open on close). */
  readonly redis: RedisConnection;
  /** Key prefix (default `sb:`). */
  readonly prefix?: string;
}

/**
 * Membership in Redis: `<prefix>member:{gw}:<id>` holds the announced JSON with a PX TTL and
 * `<prefix>members:{gw}` indexes the ids. The `{gw}` hash tag keeps them on one cluster slot.
 */
export class RedisMembership implements Membership {
  private readonly client: Redis;
  private readonly owned: boolean;
  private readonly setKey: string;
  private readonly memberPrefix: string;
  private closed = false;

  constructor(options: RedisMembershipOptions) {
    const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    this.setKey = `${prefix}members:{gw}`;
    this.memberPrefix = `${prefix}member:{gw}:`;
    const opened = openRedis(options.redis);
    this.client = opened.client;
    this.owned = opened.owned;
    defineLiveRows(this.client);
  }

  async announce(gateway: GatewayInfo, ttlMs: number): Promise<void> {
    this.assertOpen();
    assertMembershipTtl(ttlMs);
    const info: GatewayInfo = {
      gatewayId: gateway.gatewayId,
      url: gateway.url,
      connections: gateway.connections,
    };
    await execOrThrow(
      this.client
        .multi()
        .set(this.memberPrefix + gateway.gatewayId, JSON.stringify(info), 'PX', ttlMs)
        .sadd(this.setKey, gateway.gatewayId),
    );
  }

  async withdraw(gatewayId: string): Promise<void> {
    this.assertOpen();
    await execOrThrow(
      this.client
        .multi()
        .del(this.memberPrefix + gatewayId)
        .srem(this.setKey, gatewayId),
    );
  }

  async live(): Promise<readonly GatewayInfo[]> {
    this.assertOpen();
    const reply = await (this.client as unknown as LiveRowsCommand<Promise<unknown>>).sbLiveRows(
      this.setKey,
      this.memberPrefix,
    );
    const live: GatewayInfo[] = [];
    for (const item of Array.isArray(reply) ? reply : []) {
      const info = parseInfo(item);
      if (info !== undefined) live.push(info);
    }
    return live.sort(byGatewayIdOrder);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) await quitRedis(this.client);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Membership is closed');
  }
}

/** A member that does not parse is left out: a bad entry must not hide the others. */
function parseInfo(item: unknown): GatewayInfo | undefined {
  try {
    const value = JSON.parse(String(item)) as Partial<GatewayInfo> | null;
    if (
      typeof value?.gatewayId === 'string' &&
      typeof value.url === 'string' &&
      typeof value.connections === 'number'
    ) {
      return { gatewayId: value.gatewayId, url: value.url, connections: value.connections };
    }
  } catch {
    // Left out on purpose (see above).
  }
  return undefined;
}
