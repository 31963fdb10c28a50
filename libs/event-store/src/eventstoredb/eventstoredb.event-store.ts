import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import { toJson, validateAppend } from '../append-checks';
import { EventStoreClosedError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventHandler,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { appendIdempotently } from './eventstoredb.append';
import { readAllEvents, readStreamEvents } from './eventstoredb.reads';
import { EventStoreDbSubscription, failedSubscription } from './eventstoredb.subscription';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  readonly connectionString: string;
}

/**
 * The production EventStore: EventStoreDB 22.6 or later (positions on stream reads) over gRPC.
 *
 * Limitations against the port, all from ESDB having no global index of event ids: an id
 * already stored in ANOTHER stream is not detected (it is written again), and a batch mixing a
 * stored id with new ones under an exact expected revision that matches the stream is written
 * as is. Deterministic event ids (D5) plus aggregate-level keys keep both out of normal flows.
 */
export class EventStoreDbEventStore implements EventStore {
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  private constructor(private readonly client: EventStoreDBClient) {}

  /** Connects and checks the server answers (one read of `$all`). */
  static async open(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    return EventStoreDbEventStore.overClient(
      EventStoreDBClient.connectionString(options.connectionString),
    );
  }

  /** A store over a client built elsewhere (custom credentials, or a stand-in in tests). */
  static async overClient(client: EventStoreDBClient): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(client);
    try {
      await store.ping();
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = validateAppend(streamId, events, options);
    for (const event of events) {
      // The same refusals as the embedded stores, before anything goes over the wire.
      toJson(event.data, `Stream ${streamId}: data of event ${event.id}`);
      if (event.metadata !== undefined) {
        toJson(event.metadata, `Stream ${streamId}: metadata of event ${event.id}`);
      }
    }
    const append = appendIdempotently(this.client, streamId, events, expected);
    this.inFlight.add(append);
    const forget = (): void => void this.inFlight.delete(append);
    append.then(forget, forget);
    return append;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return readStreamEvents(this.client, streamId, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return readAllEvents(this.client, options);
  }

  subscribeToAll(options: SubscribeToAllOptions, handler: EventHandler): Subscription {
    if (this.closed) return failedSubscription(new EventStoreClosedError());
    const subscription = new EventStoreDbSubscription(this.client, options, handler);
    this.subscriptions.add(subscription);
    const forget = (): void => void this.subscriptions.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    for await (const _event of read) break;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
