import type { EventStore } from '@switchboard/event-store';
import { afterEach, beforeEach } from 'vitest';

/** A store whose `readStream` calls are counted: what each load of a stream cost. */
export interface CountingReads<S extends EventStore> {
  /** The same store; every other method is the original's. */
  readonly store: S;
  /** Per stream id, the number of events each `readStream` call returned, in call order. */
  readonly reads: Map<string, number[]>;
}

export function countingReads<S extends EventStore>(target: S): CountingReads<S> {
  const reads = new Map<string, number[]>();
  const store = new Proxy(target, {
    get(original, key, receiver) {
      if (key !== 'readStream') return Reflect.get(original, key, receiver) as unknown;
      return async (streamId: string, options?: Parameters<EventStore['readStream']>[1]) => {
        const events = await original.readStream(streamId, options);
        reads.set(streamId, [...(reads.get(streamId) ?? []), events.length]);
        return events;
      };
    },
  });
  return { store, reads };
}

/** Per test: a fresh store from `open`, its counting view, and its reads; closed after. */
export interface CountedStoreFixture<S extends EventStore> {
  /** The store itself (uncounted reads, for what the test checks). */
  readonly store: S;
  readonly counted: EventStore;
  readonly reads: Map<string, number[]>;
}

/** Registers beforeEach/afterEach; read the fixture's fields inside tests only. */
export function useCountedStore<S extends EventStore>(
  open: () => Promise<S>,
): CountedStoreFixture<S> {
  let current: { store: S; counted: EventStore; reads: Map<string, number[]> } | undefined;
  beforeEach(async () => {
    const store = await open();
    const { store: counted, reads } = countingReads(store);
    current = { store, counted, reads };
  });
  afterEach(async () => {
    await current?.store.close();
    current = undefined;
  });
  const get = () => {
    if (current === undefined) throw new Error('useCountedStore: read it inside a test');
    return current;
  };
  return {
    get store() {
      return get().store;
    },
    get counted() {
      return get().counted;
    },
    get reads() {
      return get().reads;
    },
  };
}
