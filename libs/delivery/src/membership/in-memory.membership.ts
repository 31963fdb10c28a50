import type { GatewayInfo, Membership } from './membership.port';

export interface InMemoryMembershipOptions {
  /** Milliseconds since the epoch; injectable so tests expire instances without waiting. */
  readonly now?: () => number;
}

/** The embedded Membership: the one-process app has one gateway, but the port is the same. */
export class InMemoryMembership implements Membership {
  private readonly members = new Map<string, { info: GatewayInfo; expiresAt: number }>();
  private readonly now: () => number;
  private closed = false;

  constructor(options: InMemoryMembershipOptions = {}) {
    this.now = options.now ?? (() => Date.now());
  }

  announce(gateway: GatewayInfo, ttlMs: number): Promise<void> {
    return this.run(() => {
      assertMembershipTtl(ttlMs);
      this.members.set(gateway.gatewayId, {
        info: { gatewayId: gateway.gatewayId, url: gateway.url, connections: gateway.connections },
        expiresAt: this.now() + ttlMs,
      });
    });
  }

  withdraw(gatewayId: string): Promise<void> {
    return this.run(() => void this.members.delete(gatewayId));
  }

  live(): Promise<readonly GatewayInfo[]> {
    return this.run(() => {
      const now = this.now();
      const live: GatewayInfo[] = [];
      for (const [gatewayId, member] of this.members) {
        if (member.expiresAt <= now) this.members.delete(gatewayId);
        else live.push(member.info);
      }
      return live.sort(byGatewayIdOrder);
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.members.clear();
    return Promise.resolve();
  }

  private run<T>(operation: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('Membership is closed'));
    try {
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

export function byGatewayIdOrder(a: GatewayInfo, b: GatewayInfo): number {
  return a.gatewayId < b.gatewayId ? -1 : a.gatewayId > b.gatewayId ? 1 : 0;
}

export function assertMembershipTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError('Membership: ttlMs must be a positive integer');
  }
}
