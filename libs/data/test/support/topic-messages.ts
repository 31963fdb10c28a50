import { type ConsumedMessage, partitionForKey } from '@switchboard/bus';
import type { Envelope } from '@switchboard/contracts';
import { SeededRandom } from './seeded-random';

/** One event of the scripted traffic before it gets its envelope (revision, position, id). */
export interface RawEvent {
  readonly topic: string;
  readonly key: string;
  readonly streamId: string;
  readonly type: string;
  /** Epoch ms; events are published in this order. */
  readonly at: number;
  readonly data: Record<string, unknown>;
}

export const PARTITIONS = 3;

/**
 * The events as bus messages, in time order (stable: events of one instant keep their
 * scripted order): dense revisions per stream, increasing positions, offsets per
 * (topic, partition) with the partition picked by key as the buses do.
 */
export function toConsumedMessages(
  events: readonly RawEvent[],
  random: SeededRandom,
  firstPosition = 1,
): ConsumedMessage[] {
  const sorted = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
    .map(({ event }) => event);
  const revisions = new Map<string, number>();
  const offsets = new Map<string, number>();
  let position = firstPosition;
  return sorted.map((event) => {
    const revision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, revision + 1);
    const partition = partitionForKey(event.key, PARTITIONS);
    const slot = `${event.topic}:${partition}`;
    const offset = offsets.get(slot) ?? 0;
    offsets.set(slot, offset + 1);
    const id = random.uuid();
    const envelope: Envelope = {
      id,
      type: event.type,
      version: 1,
      streamId: event.streamId,
      revision,
      position: position++,
      occurredAt: new Date(event.at).toISOString(),
      correlationId: id,
      causationId: id,
      data: event.data,
    };
    return {
      topic: event.topic,
      partition,
      offset: String(offset),
      key: event.key,
      value: JSON.stringify(envelope),
      headers: {},
      timestamp: new Date(event.at),
    };
  });
}

/**
 * The same messages in another interleaving ACROSS partitions: each (topic, partition) keeps
 * its own order (as a bus guarantees), the merge between them is random.
 */
export function interleave(messages: readonly ConsumedMessage[], seed: number): ConsumedMessage[] {
  const random = new SeededRandom(seed);
  const queues = new Map<string, ConsumedMessage[]>();
  for (const message of messages) {
    const slot = `${message.topic}:${message.partition}`;
    const queue = queues.get(slot) ?? [];
    queue.push(message);
    queues.set(slot, queue);
  }
  const lanes = [...queues.values()].map((queue) => ({ queue, next: 0 }));
  const out: ConsumedMessage[] = [];
  while (out.length < messages.length) {
    const open = lanes.filter((lane) => lane.next < lane.queue.length);
    const lane = random.pick(open);
    out.push(lane.queue[lane.next++]!);
  }
  return out;
}
