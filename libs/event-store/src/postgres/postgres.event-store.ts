import { Pool } from 'pg';
import { CatchUpSubscriptions } from '../catch-up.subscription';
import { EventStoreClosedError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventFilter,
  EventHandler,
  EventStore,
  MultiStreamAppender,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { appendToStream } from './postgres.append';
import { appendToStreams } from './postgres.multi-append';
import { PostgresListener } from './postgres.listener';
import { readAllRows, readCatchUpPage, readStreamRows } from './postgres.reads';
import { retryTransient } from './postgres.retry';
import {
  ensureSchema,
  listenerApplicationName,
  notifyChannel,
  poolApplicationName,
  validateSchemaName,
} from './postgres.schema';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** Schema holding the tables; created if missing. Default `event_store`. */
  readonly schema?: string;
  /** Pooled connections for appends and reads (plus one for LISTEN). Default 10. */
  readonly poolSize?: number;
  /**
   * Fallback poll of live subscriptions, in case a notification is lost or the LISTEN
   * connection is reconnecting. NOTIFY does the real work. Default 5000 ms.
   */
  readonly pollIntervalMs?: number;
}

/**
 * The PostgreSQL adapter: the shared event store when several processes run on one machine.
 * Appends serialize per stream on a row lock and store-wide on the position counter (see
 * `postgres.append-statement.ts`); live subscriptions wake on LISTEN/NOTIFY. `appendToStreams`
 * writes several streams in one transaction (`postgres.multi-append.ts`).
 */
export class PostgresEventStore implements EventStore, MultiStreamAppender {
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly channel: string,
    private readonly listener: PostgresListener,
    private readonly subscriptions: CatchUpSubscriptions,
  ) {}

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = validateSchemaName(options.schema ?? 'event_store');
    const channel = notifyChannel(schema);
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: poolApplicationName(schema),
    });
    // An idle pooled client that loses its connection emits here; the pool replaces it.
    pool.on('error', () => undefined);
    const subscriptions = new CatchUpSubscriptions({
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
    });
    const listener = new PostgresListener({
      connectionString: options.connectionString,
      channel,
      applicationName: listenerApplicationName(schema),
      onWake: () => subscriptions.notify(),
    });
    try {
      await ensureSchema(pool, schema);
      await listener.start();
    } catch (error) {
      await listener.close();
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresEventStore(pool, schema, channel, listener, subscriptions);
  }

  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return this.track(() =>
      appendToStream(this.pool, this.schema, this.channel, streamId, events, options),
    );
  }

  /** All or nothing, in one transaction (see `MultiStreamAppender`). */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.track(() => appendToStreams(this.pool, this.schema, this.channel, appends));
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.track(() => readStreamRows(this.pool, this.schema, streamId, options));
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.track(() => readAllRows(this.pool, this.schema, options));
  }

  subscribeToAll(options: SubscribeToAllOptions, handler: EventHandler): Subscription {
    if (this.closed) return closedSubscription();
    const read = (after: number, maxCount: number, filter: EventFilter | undefined) =>
      retryTransient(
        () => readCatchUpPage(this.pool, this.schema, after, maxCount, filter),
        () => this.closed,
      );
    return this.subscriptions.start(read, handler, options);
  }

  async ping(): Promise<void> {
    await this.track(() => this.pool.query('SELECT 1'));
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      this.closing = (async () => {
        await Promise.allSettled([...this.inFlight]);
        await this.subscriptions.stopAll();
        await this.listener.close();
        await this.pool.end();
      })();
    }
    return this.closing;
  }

  private track<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EventStoreClosedError());
    const promise = operation();
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}

/** What `subscribeToAll` hands out after close: already over, `done` rejected. */
function closedSubscription(): Subscription {
  const done = Promise.reject(new EventStoreClosedError());
  done.catch(() => undefined);
  return { done, stop: () => Promise.resolve() };
}
