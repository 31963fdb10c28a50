import { Client } from 'pg';
import { quoteIdent } from './postgres.schema';

export interface PostgresListenerOptions {
  readonly connectionString: string;
  readonly channel: string;
  readonly applicationName?: string;
  /** A commit on the channel, or a (re)connect after which anything may have been missed. */
  readonly onWake: () => void;
  /** Connection trouble; the listener reconnects by itself. Default: one warning line. */
  readonly onError?: (error: Error) => void;
  /** Reconnect backoff bounds. Defaults 100 ms and 10 s. */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * One dedicated connection that LISTENs on the store's channel (a pooled connection cannot:
 * LISTEN belongs to a session). When the connection drops it reconnects with jittered
 * exponential backoff and, once listening again, wakes everyone, since notifications sent
 * while it was away are gone. It never throws into the process: errors go to `onError`.
 */
export class PostgresListener {
  private client: Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: PostgresListenerOptions) {}

  /** First connection; rejects if it fails, so `open()` reports a bad connection string. */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.connectionString,
      // A peer that vanishes without a FIN is noticed in about a minute, not two hours.
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
      application_name: this.options.applicationName,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('listen connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onWake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(this.options.channel)}`);
    } catch (error) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.options.onWake();
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.report(error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    const min = this.options.minBackoffMs ?? 100;
    const max = this.options.maxBackoffMs ?? 10_000;
    const base = Math.min(max, min * 2 ** this.failures);
    const delay = base / 2 + Math.random() * (base / 2);
    this.failures++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((error: unknown) => {
        this.report(error instanceof Error ? error : new Error(String(error)));
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref();
  }

  private report(error: Error): void {
    if (this.options.onError) this.options.onError(error);
    else console.warn(`[PostgresEventStore] LISTEN connection: ${error.message}; reconnecting`);
  }
}
