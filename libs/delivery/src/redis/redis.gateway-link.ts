import type { Redis } from 'ioredis';
import type { GatewayLinkLogger } from '../gateway-link/in-process.gateway-link';
import type {
  DeliveryHandler,
  GatewayDelivery,
  GatewayLink,
} from '../gateway-link/gateway-link.port';
import {
  DEFAULT_REDIS_PREFIX,
  openRedis,
  quitRedis,
  type RedisConnection,
} from './redis.connection';

export interface RedisGatewayLinkOptions {
  /** A Redis URL (owned: quit on close) or a shared client for PUBLISH (left open on close). */
  readonly redis: RedisConnection;
  /** Channel prefix (default `sb:`): the channel of gateway `g` is `<prefix>gw:g`. */
  readonly prefix?: string;
  readonly logger?: GatewayLinkLogger;
}

interface Listener {
  readonly handler: DeliveryHandler;
  /** Serialises the handler's batches: one gateway sees them in publish order. */
  tail: Promise<void>;
  active: boolean;
}

/**
 * GatewayLink over Redis pub/sub: one channel per gateway instance, one PUBLISH per batch.
 *
 * At-most-once on purpose: a batch published while the gateway is down or between reconnects
 * is lost, exactly like a batch for a dead gateway in the in-process link. `message.new` is
 * never lost for good: clients resync by cursor (`conversation.sync`) when they reconnect.
 * A PUBLISH that reached no subscriber is counted in {@link dropped}.
 *
 * Subscriptions live on a dedicated connection (a subscribed Redis connection can run no
 * other command), opened on the first `listen`.
 */
export class RedisGatewayLink implements GatewayLink {
  /** Batches PUBLISHed to a channel nobody subscribed to. */
  dropped = 0;
  private readonly publisher: Redis;
  private readonly owned: boolean;
  private subscriber: Redis | undefined;
  private readonly prefix: string;
  private readonly listeners = new Map<string, Set<Listener>>();
  private closed = false;

  constructor(private readonly options: RedisGatewayLinkOptions) {
    this.prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    const opened = openRedis(options.redis);
    this.publisher = opened.client;
    this.owned = opened.owned;
  }

  async deliver(gatewayId: string, deliveries: readonly GatewayDelivery[]): Promise<void> {
    if (this.closed) throw new Error('GatewayLink is closed');
    const receivers = await this.publisher.publish(
      this.channel(gatewayId),
      JSON.stringify(deliveries),
    );
    if (receivers === 0) this.dropped += 1;
  }

  async listen(gatewayId: string, handler: DeliveryHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('GatewayLink is closed');
    const channel = this.channel(gatewayId);
    const listener: Listener = { handler, tail: Promise.resolve(), active: true };
    let set = this.listeners.get(channel);
    const first = set === undefined;
    if (set === undefined) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    // SUBSCRIBE and UNSUBSCRIBE go out in the order the listener sets change (same
    // connection, issued synchronously), so a quick unlisten/listen pair ends subscribed.
    if (first) await this.subscriberConnection().subscribe(channel);
    return async () => {
      if (!listener.active) return;
      listener.active = false;
      const current = this.listeners.get(channel);
      current?.delete(listener);
      if (current?.size === 0) {
        this.listeners.delete(channel);
        if (!this.closed) await this.subscriber?.unsubscribe(channel);
      }
      await listener.tail;
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const all = [...this.listeners.values()].flatMap((set) => [...set]);
    this.listeners.clear();
    for (const listener of all) listener.active = false;
    if (this.subscriber !== undefined) await quitRedis(this.subscriber);
    if (this.owned) await quitRedis(this.publisher);
    await Promise.all(all.map((listener) => listener.tail));
  }

  private subscriberConnection(): Redis {
    if (this.subscriber === undefined) {
      // A duplicate, so the subscriber has the publisher's options; resubscribes on reconnect.
      const subscriber = this.publisher.duplicate();
      subscriber.on('error', () => undefined);
      subscriber.on('message', (channel: string, message: string) =>
        this.onMessage(channel, message),
      );
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }

  private onMessage(channel: string, message: string): void {
    const set = this.listeners.get(channel);
    if (set === undefined || set.size === 0) return;
    let batch: readonly GatewayDelivery[];
    try {
      const parsed: unknown = JSON.parse(message);
      if (!Array.isArray(parsed)) throw new Error('not an array');
      batch = Object.freeze(parsed as GatewayDelivery[]);
    } catch (error) {
      // Someone else published on our channel: drop it, the gateway must not crash.
      this.options.logger?.warn('Malformed gateway batch dropped', {
        channel,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    for (const listener of set) {
      listener.tail = listener.tail.then(() => this.run(channel, listener, batch));
    }
  }

  private async run(
    channel: string,
    listener: Listener,
    batch: readonly GatewayDelivery[],
  ): Promise<void> {
    if (!listener.active) return;
    try {
      await listener.handler(batch);
    } catch (error) {
      // The gateway owns retries to its sockets; a failing handler must not stall the chain.
      this.options.logger?.warn('Gateway delivery handler failed', {
        channel,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private channel(gatewayId: string): string {
    return `${this.prefix}gw:${gatewayId}`;
  }
}
