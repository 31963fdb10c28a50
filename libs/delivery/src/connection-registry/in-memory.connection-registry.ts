import {
  CONNECTION_TTL_MS,
  type ConnectionRecord,
  type ConnectionRegistry,
} from './connection-registry.port';

export interface InMemoryConnectionRegistryOptions {
  /** Row lifetime without a heartbeat (default {@link CONNECTION_TTL_MS}). */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch; injectable so tests expire rows without waiting. */
  readonly now?: () => number;
}

interface Row {
  readonly record: ConnectionRecord;
  readonly expiresAt: number;
}

/**
 * The embedded DispatcherTable: rows per uid, keyed by wsid, each with its own deadline.
 * Expired rows are never returned and are dropped lazily when their uid is looked up, so
 * memory follows the live connections plus the rows nobody asked about since they died.
 */
export class InMemoryConnectionRegistry implements ConnectionRegistry {
  private readonly rows = new Map<string, Map<string, Row>>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private closed = false;

  constructor(options: InMemoryConnectionRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? CONNECTION_TTL_MS;
    if (!Number.isFinite(this.ttlMs) || this.ttlMs <= 0) {
      throw new RangeError('InMemoryConnectionRegistry: ttlMs must be a positive number');
    }
    this.now = options.now ?? (() => Date.now());
  }

  register(connection: ConnectionRecord): Promise<void> {
    return this.run(() => this.put(connection));
  }

  heartbeat(connections: readonly ConnectionRecord[]): Promise<void> {
    // A heartbeat is a re-register: rows lost to a restart or flush come back with it.
    return this.run(() => connections.forEach((connection) => this.put(connection)));
  }

  unregister(uid: string, wsid: string): Promise<void> {
    return this.run(() => {
      const byWsid = this.rows.get(uid);
      byWsid?.delete(wsid);
      if (byWsid?.size === 0) this.rows.delete(uid);
    });
  }

  lookup(uids: readonly string[]): Promise<ReadonlyMap<string, readonly ConnectionRecord[]>> {
    return this.run(() => {
      const now = this.now();
      const found = new Map<string, readonly ConnectionRecord[]>();
      for (const uid of new Set(uids)) {
        const live = this.live(uid, now);
        if (live.length > 0) found.set(uid, live);
      }
      return found;
    });
  }

  /** Test and operator hook: forgets every row, as a Redis flush would. */
  wipe(): void {
    this.rows.clear();
  }

  close(): Promise<void> {
    this.closed = true;
    this.rows.clear();
    return Promise.resolve();
  }

  private put(connection: ConnectionRecord): void {
    let byWsid = this.rows.get(connection.uid);
    if (byWsid === undefined) {
      byWsid = new Map();
      this.rows.set(connection.uid, byWsid);
    }
    byWsid.set(connection.wsid, { record: connection, expiresAt: this.now() + this.ttlMs });
  }

  private live(uid: string, now: number): ConnectionRecord[] {
    const byWsid = this.rows.get(uid);
    if (byWsid === undefined) return [];
    const live: ConnectionRecord[] = [];
    for (const [wsid, row] of byWsid) {
      if (row.expiresAt <= now) byWsid.delete(wsid);
      else live.push(row.record);
    }
    if (byWsid.size === 0) this.rows.delete(uid);
    return live;
  }

  private run<T>(operation: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('ConnectionRegistry is closed'));
    try {
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
