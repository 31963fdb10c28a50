import type { EventFilter, EventHandler, RecordedEvent, SubscribeToAllOptions, Subscription } from '../event-store.port';

export type BatchReader = (after: number | undefined, maxCount: number, filter: EventFilter | undefined) => Promise<RecordedEvent[]>;

/** PLACEHOLDER until the shared catch-up subscription lands. */
export class PostgresSubscriptions {
  constructor(private readonly read: BatchReader, private readonly pollIntervalMs: number) {}
  wakeAll(): void {}
  subscribe(_options: SubscribeToAllOptions, _handler: EventHandler): Subscription {
    void this.read; void this.pollIntervalMs;
    throw new Error('not yet');
  }
  async stopAll(): Promise<void> {}
}
