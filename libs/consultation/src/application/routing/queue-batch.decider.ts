import { type Command, type Decider } from '@switchboard/es-core';
import {
  type QueueEntry,
  type QueueEvent,
  type QueueState,
  queueDecider,
} from '@switchboard/routing';

/**
 * Several queue commands as ONE append to the queue stream: a drain claims all the
 * consultations it planned with one expected revision instead of one round trip each. Built
 * from `queueDecider` alone (each item decided on the state the previous ones left), so the
 * queue's rules stay in one place. A claim of a consultation no longer waiting is skipped,
 * not an error: another router got it, and the events say which ones this claim took.
 */
export type QueueBatchCommand =
  | Command<'enqueueMany', { readonly entries: readonly QueueEntry[] }>
  | Command<
      'claimMany',
      { readonly claims: readonly { readonly consultationId: string; readonly agentId: string }[] }
    >;

export const queueBatchDecider: Decider<QueueBatchCommand, QueueEvent, QueueState> = {
  initialState: queueDecider.initialState,
  evolve: evolveQueue,
  decide(command, state) {
    const events: QueueEvent[] = [];
    let current = state;
    const { metadata } = command;
    const add = (produced: readonly QueueEvent[]): void => {
      for (const event of produced) {
        events.push(event);
        current = evolveQueue(current, event);
      }
    };
    if (command.type === 'enqueueMany') {
      for (const entry of command.data.entries) {
        add(queueDecider.decide({ type: 'enqueue', data: entry, metadata }, current));
      }
      return events;
    }
    for (const { consultationId, agentId } of command.data.claims) {
      if (!current.entries.some((entry) => entry.consultationId === consultationId)) continue;
      const data = { consultationId, reason: 'assigned' as const, agentId };
      add(queueDecider.decide({ type: 'dequeue', data, metadata }, current));
    }
    return events;
  },
};

/**
 * `queueDecider.evolve`, with the same result, at the cost a drain can afford on every read of
 * a long queue stream: entries are kept in `at` order, so the insertion point is found from the
 * tail (a newcomer almost always goes last) by comparing the normalised ISO strings the queue
 * stores, instead of parsing every waiting entry's time for each event folded.
 */
export function evolveQueue(state: QueueState, event: QueueEvent): QueueState {
  if (event.type !== 'ConsultationEnqueued') return queueDecider.evolve(state, event);
  const entries = state.entries;
  const at = event.data.at;
  let index = entries.length;
  while (index > 0 && isAfter(entries[index - 1].at, at)) index--;
  return { entries: [...entries.slice(0, index), event.data, ...entries.slice(index)] };
}

function isAfter(a: string, b: string): boolean {
  // Both come from `toISOString()` in the queue decider: same length, so text order is time order.
  return a.length === b.length ? a > b : Date.parse(a) > Date.parse(b);
}
