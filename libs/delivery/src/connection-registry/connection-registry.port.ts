/** Device kinds a client names in the socket handshake (`auth.device`). */
export const DEVICE_KINDS = ['web', 'desktop', 'ios', 'android'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** How the socket reaches the gateway (socket.io transport, or the REST long-poll path). */
export type ConnectionChannel = 'websocket' | 'polling';

/**
 * One live connection: a row of the "DispatcherTable". `wsid` is unique per gateway instance;
 * `deviceId` is the client's unique field (one device, many reconnects).
 */
export interface ConnectionRecord {
  readonly uid: string;
  /** Platform role of the user (customer, agent, supervisor, admin). */
  readonly role: string;
  readonly deviceId: string;
  readonly device: DeviceKind;
  readonly wsid: string;
  readonly clientIp: string;
  readonly serverIp: string;
  /** Instance id of the gateway holding the socket. */
  readonly gatewayId: string;
  readonly channel: ConnectionChannel;
  readonly connectedAt: string;
}

/** Rows live this long unless a heartbeat refreshes them (DESIGN: 2-hour TTL). */
export const CONNECTION_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * The connection registry ("DispatcherTable"): which gateway holds which user's sockets, so the
 * dispatcher delivers to those gateways only. Adapters: in-memory (embedded), Redis (scale-out).
 * Every adapter passes `libs/delivery/test/contract/connection-registry.contract.ts`.
 */
export interface ConnectionRegistry {
  /** Adds or replaces the row for (`uid`, `wsid`), live for the TTL from now. */
  register(connection: ConnectionRecord): Promise<void>;
  /**
   * Refreshes the TTL of each row, re-adding rows that are gone (after a Redis flush the
   * heartbeats rebuild the table).
   */
  heartbeat(connections: readonly ConnectionRecord[]): Promise<void>;
  /** Removes one row; unknown rows are ignored. */
  unregister(uid: string, wsid: string): Promise<void>;
  /** Every live row of each uid (uids without rows are absent from the map). */
  lookup(uids: readonly string[]): Promise<ReadonlyMap<string, readonly ConnectionRecord[]>>;
  close(): Promise<void>;
}

export const CONNECTION_REGISTRY = Symbol('ConnectionRegistry');
