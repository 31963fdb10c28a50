import type { DeliveryHandler, GatewayDelivery, GatewayLink } from './gateway-link.port';

export interface GatewayLinkLogger {
  warn(message: string, context?: Readonly<Record<string, unknown>>): void;
}

interface Listener {
  readonly handler: DeliveryHandler;
  /** Serialises the handler's batches: one gateway sees them in send order. */
  tail: Promise<void>;
  active: boolean;
}

/**
 * The embedded GatewayLink: the dispatcher and the gateway share a process, so "sending" is
 * queueing the batch on each listener's chain. `deliver` resolves once the batch is queued,
 * as a Redis PUBLISH resolves once the server has it.
 *
 * A batch for a gateway nobody listens to is dropped and counted, never rejected: the
 * registry may name a gateway that just died, and failing would make the bus redeliver the
 * event forever. Its clients resync by cursor when they reconnect elsewhere.
 */
export class InProcessGatewayLink implements GatewayLink {
  /** Batches dropped because no listener had the gateway id. */
  dropped = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  private closed = false;

  constructor(private readonly logger?: GatewayLinkLogger) {}

  deliver(gatewayId: string, deliveries: readonly GatewayDelivery[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('GatewayLink is closed'));
    const listeners = this.listeners.get(gatewayId);
    if (listeners === undefined || listeners.size === 0) {
      this.dropped += 1;
      return Promise.resolve();
    }
    // A copy: the sender may reuse its array, and the listener runs later.
    const batch = Object.freeze([...deliveries]);
    for (const listener of listeners) {
      listener.tail = listener.tail.then(() => this.run(gatewayId, listener, batch));
    }
    return Promise.resolve();
  }

  listen(gatewayId: string, handler: DeliveryHandler): Promise<() => Promise<void>> {
    if (this.closed) return Promise.reject(new Error('GatewayLink is closed'));
    const listener: Listener = { handler, tail: Promise.resolve(), active: true };
    let set = this.listeners.get(gatewayId);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(gatewayId, set);
    }
    set.add(listener);
    return Promise.resolve(async () => {
      listener.active = false;
      const current = this.listeners.get(gatewayId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(gatewayId);
      await listener.tail;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.listeners.values()].flatMap((set) => [...set]);
    this.listeners.clear();
    for (const listener of all) listener.active = false;
    await Promise.all(all.map((listener) => listener.tail));
  }

  private async run(
    gatewayId: string,
    listener: Listener,
    batch: readonly GatewayDelivery[],
  ): Promise<void> {
    if (!listener.active) return;
    try {
      await listener.handler(batch);
    } catch (error) {
      // The gateway owns retries to its sockets; a failing handler must not stall the chain.
      this.logger?.warn('Gateway delivery handler failed', {
        gatewayId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
