import { waitUntil } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import type {
  EventData,
  EventFilter,
  EventMetadata,
  EventStore,
  RecordedEvent,
  Subscription,
} from '../../src/event-store.port';

/** What an adapter documents it cannot do; each skips the named tests (reported as skipped). */
export interface ContractLimits {
  /** EventStoreDB and SQLite (D49) keep no global index of event ids: an id reused in another
   * stream goes unnoticed there. */
  readonly noCrossStreamIdCheck?: boolean;
  /** The adapter offers `appendToStreams` (MultiStreamAppender); checked both ways. */
  readonly appendToStreams?: boolean;
}

/** Gives the suites the store opened by `describeEventStoreContract`. */
export type StoreGetter = () => EventStore;

/** A short random tag; every test builds its streams (and prefixes) from a fresh one, so tests
 * never see each other's events even on a store shared with other suites. */
export function uniqueTag(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

export function uniqueStream(category = 'contract'): string {
  return `${category}-${uniqueTag()}`;
}

export function anEvent(
  type = 'ThingHappened',
  data: unknown = { n: 0 },
  metadata?: EventMetadata,
): EventData {
  return metadata === undefined
    ? { id: randomUUID(), type, data }
    : { id: randomUUID(), type, data, metadata };
}

export function someEvents(count: number, type = 'ThingHappened'): EventData[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

/**
 * The current end of `$all` (0 when empty). Suites start `$all` reads and subscriptions here,
 * because a shared store already holds other tests' events.
 */
export async function endOfAll(store: EventStore): Promise<number> {
  const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
  return last?.position ?? 0;
}

/** Subscribes and records what the handler receives. */
export function collect(
  store: EventStore,
  after: number,
  filter: EventFilter,
): { events: RecordedEvent[]; subscription: Subscription } {
  const events: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({ after, filter }, (event) => {
    events.push(event);
  });
  return { events, subscription };
}

/** Polls `condition` until it holds or `timeoutMs` passes (then throws with `what`). */
export const eventually = (condition: () => boolean, what: string, timeoutMs = 10_000) =>
  waitUntil(condition, what, timeoutMs);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Asserts a promise rejects and returns the error, for checks on its fields. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

export function ids(events: readonly { readonly id: string }[]): string[] {
  return events.map((event) => event.id.toLowerCase());
}
