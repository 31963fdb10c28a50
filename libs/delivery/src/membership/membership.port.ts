/** One live gateway instance as it announced itself. */
export interface GatewayInfo {
  /** Instance id, the same one the DispatcherTable rows and the GatewayLink channel use. */
  readonly gatewayId: string;
  /** Public socket.io URL clients connect to (e.g. `wss://gw-3.example.com`). */
  readonly url: string;
  /** Open sockets on the instance when it last announced (least-connections reads it). */
  readonly connections: number;
}

/** Gateways re-announce at a third of this, so one missed beat does not drop them. */
export const MEMBERSHIP_TTL_MS = 15_000;

/**
 * Which gateway instances are alive and how loaded they are. Each gateway announces itself
 * periodically with a TTL; an instance that stops announcing (crash, partition) drops out
 * when its TTL runs out, one that shuts down cleanly withdraws at once. Adapters: in-memory
 * (embedded), Redis keys with TTL (scale-out). Every adapter passes
 * `libs/delivery/test/redis/membership.contract.ts`.
 */
export interface Membership {
  /** Adds or refreshes the instance, live for `ttlMs` from now. */
  announce(gateway: GatewayInfo, ttlMs: number): Promise<void>;
  /** Removes the instance at once; unknown ids are ignored. */
  withdraw(gatewayId: string): Promise<void>;
  /** Every live instance, sorted by `gatewayId` so every process sees the same order. */
  live(): Promise<readonly GatewayInfo[]>;
  close(): Promise<void>;
}

export const MEMBERSHIP = Symbol('Membership');
