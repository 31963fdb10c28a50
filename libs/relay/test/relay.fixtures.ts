import { waitUntil } from '@switchboard/testing';
import { type Bus, InMemoryBus, type OutgoingMessage, silentBusLogger } from '@switchboard/bus';
import { type Envelope, parseEnvelope } from '@switchboard/contracts';
import { type EventStore, SqliteEventStore } from '@switchboard/event-store';
import { afterEach, beforeEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CheckpointStore } from '../src/checkpoint-store.port';
import { Relay } from '../src/event.relay';
import { InMemoryCheckpointStore } from '../src/in-memory/in-memory.checkpoint-store';
import { type RelayOptions, silentRelayLogger } from '../src/relay.options';

/** A fresh embedded store per test. */
export function openStore(): Promise<SqliteEventStore> {
  return SqliteEventStore.open({ filename: ':memory:' });
}

/** Appends `count` events to `streamId`, one append per event (so positions interleave). */
export async function appendEach(
  store: EventStore,
  streamId: string,
  count: number,
): Promise<number> {
  let position = 0;
  for (let n = 0; n < count; n += 1) {
    const result = await store.appendToStream(streamId, [
      { id: randomUUID(), type: 'Happened', data: { n }, metadata: { version: 1 } },
    ]);
    position = result.position;
  }
  return position;
}

/** Appends `count` events to `streamId` in one batch. */
export async function appendBatch(
  store: EventStore,
  streamId: string,
  count: number,
): Promise<number> {
  const events = Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type: 'Happened',
    data: { n },
  }));
  return (await store.appendToStream(streamId, events)).position;
}

/**
 * An in-memory bus that records every publish call. `failNext` makes the next calls reject;
 * `hold()` makes publishes wait until the returned release function is called.
 */
export class RecordingBus implements Bus {
  readonly calls: OutgoingMessage[][] = [];
  readonly inner = new InMemoryBus({ logger: silentBusLogger });
  attempts = 0;
  failNext = 0;
  /** Each publish takes this long (a slow broker). */
  delayMs = 0;
  private gate: Promise<void> | undefined;

  get published(): OutgoingMessage[] {
    return this.calls.flat();
  }

  envelopes(topic?: string): Envelope[] {
    return this.published
      .filter((message) => topic === undefined || message.topic === topic)
      .map((message) => parseEnvelope(message.value));
  }

  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async publish(messages: OutgoingMessage | readonly OutgoingMessage[]): Promise<void> {
    this.attempts += 1;
    await this.gate;
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('broker unavailable (test)');
    }
    const list = Array.isArray(messages) ? [...messages] : [messages as OutgoingMessage];
    await this.inner.publish(list);
    this.calls.push(list);
  }

  consume: Bus['consume'] = (options, handler) => this.inner.consume(options, handler);
  ensureTopics: Bus['ensureTopics'] = (topics) => this.inner.ensureTopics(topics);
  ping: Bus['ping'] = () => this.inner.ping();
  close: Bus['close'] = () => this.inner.close();
}

/** Wraps a checkpoint store: records saves, and can make saves hang forever ("crash"). */
export class WatchedCheckpoints implements CheckpointStore {
  readonly saves: number[] = [];
  hangAfterSaves = Number.POSITIVE_INFINITY;

  constructor(readonly inner: CheckpointStore) {}

  load(name: string): Promise<number | undefined> {
    return this.inner.load(name);
  }

  async save(name: string, position: number): Promise<void> {
    if (this.saves.length >= this.hangAfterSaves) return new Promise<void>(() => undefined);
    await this.inner.save(name, position);
    this.saves.push(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export const eventually = (condition: () => boolean, what: string, timeoutMs = 10_000) =>
  waitUntil(condition, what, timeoutMs, 5);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Revisions per key, in the order they were published. */
export function revisionsByKey(envelopes: readonly Envelope[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const envelope of envelopes) {
    const list = byKey.get(envelope.streamId) ?? [];
    list.push(envelope.revision);
    byKey.set(envelope.streamId, list);
  }
  return byKey;
}

export function range(count: number): number[] {
  return Array.from({ length: count }, (_, n) => n);
}

/** What each relay spec needs: a fresh store, bus and checkpoints per test, relays stopped after. */
export interface RelayHarness {
  readonly store: SqliteEventStore;
  readonly bus: RecordingBus;
  readonly checkpoints: WatchedCheckpoints;
  relay(options?: Partial<RelayOptions>): Relay;
}

/** Registers the per-test set-up and tear-down; call inside a `describe`. */
export function useRelayHarness(defaults: Pick<RelayOptions, 'routes'>): RelayHarness {
  let state: { store: SqliteEventStore; bus: RecordingBus; checkpoints: WatchedCheckpoints };
  const relays: Relay[] = [];
  beforeEach(async () => {
    state = {
      store: await openStore(),
      bus: new RecordingBus(),
      checkpoints: new WatchedCheckpoints(new InMemoryCheckpointStore()),
    };
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await state.store.close();
  });
  return {
    get store() {
      return state.store;
    },
    get bus() {
      return state.bus;
    },
    get checkpoints() {
      return state.checkpoints;
    },
    relay(options = {}) {
      const relay = new Relay({
        name: 'relay',
        store: state.store,
        bus: state.bus,
        checkpoints: state.checkpoints,
        logger: silentRelayLogger,
        ...defaults,
        ...options,
      });
      relays.push(relay);
      return relay;
    },
  };
}
