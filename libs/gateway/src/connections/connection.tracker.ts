import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  CONNECTION_REGISTRY,
  type ConnectionRecord,
  type ConnectionRegistry,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import { type Socket } from 'socket.io';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { channelOf, connectionRecordOf } from './socket-session';

/**
 * This gateway's live sockets and their rows in the connection registry ("DispatcherTable"):
 * registered on connect, re-registered when the transport upgrades, removed on disconnect, and
 * all refreshed by a heartbeat so the registry's TTL never expires a live socket.
 *
 * Sockets per user are counted on THIS gateway only: with several gateways a user's first
 * socket here may not be their first anywhere. Cross-gateway counting comes with the Redis
 * registry.
 */
@Injectable()
export class ConnectionTracker implements OnModuleDestroy {
  private readonly logger = new Logger('ConnectionTracker');
  private readonly sockets = new Map<string, Socket>();
  private readonly rows = new Map<string, ConnectionRecord>();
  private readonly socketsPerUser = new Map<string, number>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    @Inject(CONNECTION_REGISTRY) private readonly registry: ConnectionRegistry,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  start(): void {
    if (this.heartbeat !== undefined) return;
    this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs);
    // The heartbeat alone must never keep a process alive.
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Adds a socket; resolves with true when it is its user's first socket on this gateway. */
  async connected(socket: Socket): Promise<boolean> {
    const row = connectionRecordOf(socket, this.options, this.clock.now().toISOString());
    this.sockets.set(socket.id, socket);
    this.rows.set(socket.id, row);
    const count = (this.socketsPerUser.get(row.uid) ?? 0) + 1;
    this.socketsPerUser.set(row.uid, count);
    socket.conn.once('upgrade', () => void this.upgraded(socket));
    await this.safely('register', () => this.registry.register(row));
    return count === 1;
  }

  /** Removes a socket; resolves with true when it was its user's last socket on this gateway. */
  async disconnected(socket: Socket): Promise<boolean> {
    const row = this.rows.get(socket.id);
    if (row === undefined) return false;
    this.sockets.delete(socket.id);
    this.rows.delete(socket.id);
    const count = (this.socketsPerUser.get(row.uid) ?? 1) - 1;
    if (count <= 0) this.socketsPerUser.delete(row.uid);
    else this.socketsPerUser.set(row.uid, count);
    await this.safely('unregister', () => this.registry.unregister(row.uid, row.wsid));
    return count <= 0;
  }

  socket(wsid: string): Socket | undefined {
    return this.sockets.get(wsid);
  }

  /** Live sockets by channel, for the sockets gauge. */
  countByChannel(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const row of this.rows.values()) counts[row.channel] = (counts[row.channel] ?? 0) + 1;
    return counts;
  }

  /** Every row this gateway holds (what the heartbeat refreshes). */
  allRows(): ConnectionRecord[] {
    return [...this.rows.values()];
  }

  /** Sends one heartbeat now (the timer calls it; tests too). */
  async beat(): Promise<void> {
    const rows = this.allRows();
    if (rows.length > 0) await this.safely('heartbeat', () => this.registry.heartbeat(rows));
  }

  private async upgraded(socket: Socket): Promise<void> {
    const row = this.rows.get(socket.id);
    if (row === undefined || !socket.connected) return;
    const updated = { ...row, channel: channelOf(socket) };
    this.rows.set(socket.id, updated);
    await this.safely('register', () => this.registry.register(updated));
  }

  /** A registry outage must not break sockets: the next heartbeat re-adds what is missing. */
  private async safely(what: string, call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.logger.error(`Connection registry ${what} failed: ${String(error)}`);
    }
  }
}
