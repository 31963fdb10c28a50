import { TEST_REDIS_URL } from '@switchboard/testing/redis.infra';
import { Redis } from 'ioredis';

/** One `message.new` seen on a gateway's GatewayLink channel. */
export interface TappedDelivery {
  readonly gatewayId: string;
  readonly messageId: string;
  readonly conversationId: string;
  /** When the tap saw it (the test process's clock). */
  readonly at: number;
  readonly wsids: readonly string[];
}

/**
 * Listens to every gateway's GatewayLink channel (`<prefix>gw:<id>`, Redis pub/sub) the way
 * the gateways do, and records each `message.new` batch entry: which gateway the dispatcher
 * sent each message to, and how many times. Counting here, not on the clients, shows whether
 * a gateway that holds no recipient was sent anything (a broadcast).
 */
export class LinkTap {
  readonly deliveries: TappedDelivery[] = [];
  private constructor(private readonly redis: Redis) {}

  static async open(prefix: string, url = TEST_REDIS_URL): Promise<LinkTap> {
    const redis = new Redis(url);
    const tap = new LinkTap(redis);
    redis.on('pmessage', (_pattern: string, channel: string, text: string) => {
      const gatewayId = channel.slice(`${prefix}gw:`.length);
      const at = Date.now();
      for (const entry of JSON.parse(text) as Array<{
        event: string;
        wsids: string[];
        payload: { id?: string; conversationId?: string };
      }>) {
        if (entry.event !== 'message.new' || entry.payload.id === undefined) continue;
        const { id: messageId, conversationId = '' } = entry.payload;
        tap.deliveries.push({ gatewayId, messageId, conversationId, at, wsids: entry.wsids });
      }
    });
    await redis.psubscribe(`${prefix}gw:*`);
    return tap;
  }

  /** Message ids sent to `gatewayId`, one entry per delivery (repeats show as duplicates). */
  messagesTo(gatewayId: string): string[] {
    return this.deliveries.filter((d) => d.gatewayId === gatewayId).map((d) => d.messageId);
  }

  gateways(): string[] {
    return [...new Set(this.deliveries.map((d) => d.gatewayId))].sort();
  }

  close(): void {
    this.redis.disconnect();
  }
}
