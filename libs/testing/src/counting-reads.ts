import type { EventStore } from '@switchboard/event-store';

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
