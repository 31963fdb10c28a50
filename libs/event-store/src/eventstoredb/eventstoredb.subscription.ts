import { START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import { matchesFilter } from '../event-filter';
import type {
  EventFilter,
  EventHandler,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { isOurs, toEsdbPosition, toRecorded, toServerFilter } from './eventstoredb.mapping';

/**
 * A port subscription over ESDB's own catch-up subscription to `$all`: the server does the
 * catch-up-then-live hand-over and filters by stream prefix or event type; we skip what the
 * server could not filter, never re-deliver at or before the checkpoint, and await the handler.
 * Async iteration gives back-pressure: the next event is not pulled before the handler returns.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private checkpoint: number;
  private readonly stream: AllStreamSubscription;
  private readonly filter: EventFilter | undefined;

  constructor(
    client: EventStoreDBClient,
    options: SubscribeToAllOptions,
    private readonly handler: EventHandler,
  ) {
    this.checkpoint = options.after ?? 0;
    this.filter = options.filter;
    this.stream = client.subscribeToAll({
      // ESDB starts AFTER the given position, as the port's exclusive checkpoint does.
      fromPosition: options.after === undefined ? START : toEsdbPosition(options.after),
      filter: toServerFilter(options.filter),
    });
    this.done = this.run();
    this.done.catch(() => undefined); // still rejects for whoever awaits it; never crashes
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.stream.unsubscribe().catch(() => undefined);
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      for await (const resolved of this.stream) {
        if (this.stopped) return;
        if (!isOurs(resolved.event)) continue;
        const event = toRecorded(resolved.event);
        if (event.position <= this.checkpoint || !matchesFilter(event, this.filter)) continue;
        const handled = this.handler(event);
        if (handled !== undefined) await handled;
        this.checkpoint = event.position;
      }
      // Only unsubscribe ends the stream; anything else is a dropped subscription to report.
      if (!this.stopped) throw new Error('EventStoreDB ended the subscription');
    } catch (error) {
      if (!this.stopped) throw error; // a cancelled stream after stop() is the normal end
    } finally {
      if (!this.stopped) await this.stream.unsubscribe().catch(() => undefined);
    }
  }
}

/** A subscription that failed before it started (e.g. the store is closed). */
export function failedSubscription(error: Error): Subscription {
  const done = Promise.reject(error);
  done.catch(() => undefined);
  return { done, stop: async () => undefined };
}
