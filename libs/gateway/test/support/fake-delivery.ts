import {
  type ConnectionRecord,
  type ConnectionRegistry,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import {
  type AudienceMember,
  type FanOut,
  type FanOutOptions,
} from '@switchboard/delivery/fan-out/fan-out.port';
import {
  type DeliveryHandler,
  type GatewayDelivery,
  type GatewayLink,
  type ServerEvent,
} from '@switchboard/delivery/gateway-link/gateway-link.port';

/** Rows by wsid, and every call in order, so tests can assert both state and traffic. */
export class FakeConnectionRegistry implements ConnectionRegistry {
  readonly rows = new Map<string, ConnectionRecord>();
  readonly calls: { readonly method: string; readonly args: unknown }[] = [];

  async register(connection: ConnectionRecord): Promise<void> {
    this.calls.push({ method: 'register', args: connection });
    this.rows.set(connection.wsid, connection);
  }

  async heartbeat(connections: readonly ConnectionRecord[]): Promise<void> {
    this.calls.push({ method: 'heartbeat', args: connections });
    for (const row of connections) this.rows.set(row.wsid, row);
  }

  async unregister(uid: string, wsid: string): Promise<void> {
    this.calls.push({ method: 'unregister', args: { uid, wsid } });
    if (this.rows.get(wsid)?.uid === uid) this.rows.delete(wsid);
  }

  async lookup(uids: readonly string[]): Promise<ReadonlyMap<string, readonly ConnectionRecord[]>> {
    const found = new Map<string, ConnectionRecord[]>();
    for (const row of this.rows.values()) {
      if (uids.includes(row.uid)) found.set(row.uid, [...(found.get(row.uid) ?? []), row]);
    }
    return found;
  }

  async close(): Promise<void> {}
}

/** In-process link: `deliver` calls the listening gateway's handler directly. */
export class FakeGatewayLink implements GatewayLink {
  private readonly handlers = new Map<string, DeliveryHandler>();

  async deliver(gatewayId: string, deliveries: readonly GatewayDelivery[]): Promise<void> {
    await this.handlers.get(gatewayId)?.(deliveries);
  }

  async listen(gatewayId: string, handler: DeliveryHandler): Promise<() => Promise<void>> {
    this.handlers.set(gatewayId, handler);
    return async () => void this.handlers.delete(gatewayId);
  }

  listening(gatewayId: string): boolean {
    return this.handlers.has(gatewayId);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

export interface FanOutCall {
  readonly audience: readonly AudienceMember[];
  readonly event: ServerEvent;
  readonly payload: unknown;
  readonly options?: FanOutOptions;
}

/** Records fan-outs; a test may also route them through the link to real sockets. */
export class FakeFanOut implements FanOut {
  readonly calls: FanOutCall[] = [];
  private readonly waiters: (() => void)[] = [];

  async fanOut(
    audience: readonly AudienceMember[],
    event: ServerEvent,
    payload: unknown,
    options?: FanOutOptions,
  ): Promise<void> {
    this.calls.push({ audience, event, payload, ...(options === undefined ? {} : { options }) });
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once a call matching `predicate` has been recorded. */
  async waitFor(predicate: (call: FanOutCall) => boolean): Promise<FanOutCall> {
    for (;;) {
      const found = this.calls.find(predicate);
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
