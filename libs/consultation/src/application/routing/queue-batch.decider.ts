import { type Command, type Decider } from '@switchboard/es-core';
import {
  type QueueAdmission,
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
 * not an error: another router got it, and the events say which ones this claim took. An
 * arrival claimed by the same command never waited: it is admitted (one `ConsultationsAdmitted`
 * for all of them) instead of enqueued and dequeued, so it never has a place in the line.
 */
export type QueueBatchCommand =
  | Command<'enqueueMany', { readonly entries: readonly QueueEntry[] }>
  | Command<'claimMany', { readonly claims: readonly QueueClaim[] }>
  /** Both in one append: a drain claims arrivals in the same write that enqueues them. */
  | Command<
      'enqueueAndClaim',
      { readonly entries: readonly QueueEntry[]; readonly claims: readonly QueueClaim[] }
    >;

export interface QueueClaim {
  readonly consultationId: string;
  readonly agentId: string;
}

export const queueBatchDecider: Decider<QueueBatchCommand, QueueEvent, QueueState> = {
  initialState: queueDecider.initialState,
  evolve: evolveQueue,
  decide(command, state) {
    // queueDecider's enqueue and dequeue look at one thing in the state: whether THAT
    // consultation waits. Deciding each item against a view holding only its own entry gives
    // the same events at O(1) each; folding the whole queue per item made a 1,000-entry batch
    // quadratic (the claim phase of a 1,000-open drain was ~30 ms).
    const { metadata } = command;
    const waiting = new Map(state.entries.map((entry) => [entry.consultationId, entry]));
    const events: QueueEvent[] = [];
    const view = (consultationId: string): QueueState => {
      const entry = waiting.get(consultationId);
      return entry === undefined ? queueDecider.initialState : { entries: [entry] };
    };
    const add = (produced: readonly QueueEvent[]): void => {
      for (const event of produced) {
        events.push(event);
        if (event.type === 'ConsultationsAdmitted') continue;
        if (event.type === 'ConsultationEnqueued')
          waiting.set(event.data.consultationId, event.data);
        else waiting.delete(event.data.consultationId);
      }
    };
    const entries = command.type === 'claimMany' ? [] : command.data.entries;
    const claims = command.type === 'enqueueMany' ? [] : command.data.claims;
    // An arrival claimed in the same command never waits: admitted, not enqueued and dequeued.
    const claimedNow = new Map<string, string>();
    for (const { consultationId, agentId } of claims) {
      if (!claimedNow.has(consultationId)) claimedNow.set(consultationId, agentId);
    }
    const admissions: QueueAdmission[] = [];
    const admitted = new Set<string>();
    for (const entry of entries) {
      const { consultationId } = entry;
      if (admitted.has(consultationId)) continue; // the same arrival twice
      const agentId = claimedNow.get(consultationId);
      if (agentId !== undefined && !waiting.has(consultationId)) {
        admissions.push({ consultationId, agentId });
        admitted.add(consultationId);
        continue;
      }
      add(queueDecider.decide({ type: 'enqueue', data: entry, metadata }, view(consultationId)));
    }
    for (const { consultationId, agentId } of claims) {
      if (!waiting.has(consultationId)) continue;
      const data = { consultationId, reason: 'assigned' as const, agentId };
      add(queueDecider.decide({ type: 'dequeue', data, metadata }, view(consultationId)));
    }
    if (admissions.length > 0) {
      // None of them waits (checked above): the empty view is the state that matters.
      const admit = { type: 'admit' as const, data: { admissions }, metadata };
      add(queueDecider.decide(admit, queueDecider.initialState));
    }
    return events;
  },
};

/** The consultations a batch's events handed to agents: dequeued as assigned, or admitted. */
export function claimedBy(events: readonly QueueEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.type === 'ConsultationsAdmitted') {
      for (const { consultationId } of event.data.admissions) ids.add(consultationId);
    } else if (event.type === 'ConsultationDequeued' && event.data.reason === 'assigned') {
      ids.add(event.data.consultationId);
    }
  }
  return ids;
}

/** Events folded onto `base` but not applied yet. `ops` may be shared with later states: each
 * state reads only its first `length` ops, and a state appends only when it owns the tail. */
interface Deferred {
  readonly base: readonly QueueEntry[];
  readonly ops: QueueEvent[];
  readonly length: number;
  entries?: readonly QueueEntry[];
}

const deferred = new WeakMap<QueueState, Deferred>();

/**
 * `queueDecider.evolve`, with the same result, at a cost a drain can afford. A batch of n
 * events used to copy the whole queue per event (O(n²): 10–20 ms per 1,000-entry batch, on
 * the routing path). Here folding an event only records it; the entries are built once, when
 * someone reads them (O(n)), and each intermediate state stays immutable: it sees its own
 * prefix of the shared log. Entries stay in `at` order, equal times in arrival order.
 */
export function evolveQueue(state: QueueState, event: QueueEvent): QueueState {
  const before = deferred.get(state);
  if (before === undefined || before.entries !== undefined) {
    return deferredState({ base: before?.entries ?? state.entries, ops: [event], length: 1 });
  }
  const owned = before.ops.length === before.length;
  const ops = owned ? before.ops : before.ops.slice(0, before.length);
  ops.push(event);
  return deferredState({ base: before.base, ops, length: before.length + 1 });
}

/**
 * `events.reduce(evolveQueue, state)` as ONE deferred state: a drain folds its 1,000 arrivals
 * to plan on them, and a state (with its weak-map entry) per event was most of that cost.
 */
export function foldQueue(state: QueueState, events: readonly QueueEvent[]): QueueState {
  if (events.length === 0) return state;
  const before = deferred.get(state);
  if (before === undefined || before.entries !== undefined) {
    const base = before?.entries ?? state.entries;
    return deferredState({ base, ops: [...events], length: events.length });
  }
  const ops = [...before.ops.slice(0, before.length), ...events];
  return deferredState({ base: before.base, ops, length: ops.length });
}

function deferredState(d: Deferred): QueueState {
  // An own, enumerable getter from a literal (defineProperty per state cost ~2 µs: 3,000 states
  // in a 1,000-open drain).
  const state: QueueState = {
    get entries() {
      return (d.entries ??= apply(d.base, d.ops, d.length));
    },
  };
  deferred.set(state, d);
  return state;
}

interface Slot {
  readonly entry: QueueEntry;
  gone: boolean;
}

/** Applies ops in order. A dequeued entry is only marked; the list (marked ones included)
 * stays in `at` order, so an insertion point found among all of them is right for the rest.
 * Plain loops: it runs over a whole drain's arrivals (1,000 in the routing benchmark). */
function apply(
  base: readonly QueueEntry[],
  ops: readonly QueueEvent[],
  length: number,
): readonly QueueEntry[] {
  const list: Slot[] = base.map((entry) => ({ entry, gone: false }));
  const byId = new Map<string, Slot[]>();
  const track = (slot: Slot): void => {
    const same = byId.get(slot.entry.consultationId);
    if (same === undefined) byId.set(slot.entry.consultationId, [slot]);
    else same.push(slot);
  };
  for (const slot of list) track(slot);
  for (let i = 0; i < length; i++) {
    const event = ops[i]!;
    if (event.type === 'ConsultationsAdmitted') continue; // they never waited
    const id = event.data.consultationId;
    if (event.type === 'ConsultationDequeued') {
      for (const slot of byId.get(id) ?? []) slot.gone = true;
      byId.delete(id);
      continue;
    }
    const slot = { entry: event.data, gone: false };
    let index = list.length;
    while (index > 0 && isAfter(list[index - 1]!.entry.at, event.data.at)) index--;
    if (index === list.length) list.push(slot);
    else list.splice(index, 0, slot);
    track(slot);
  }
  const entries: QueueEntry[] = [];
  for (const slot of list) if (!slot.gone) entries.push(slot.entry);
  return entries;
}

function isAfter(a: string, b: string): boolean {
  // Both come from `toISOString()` in the queue decider: same length, so text order is time order.
  return a.length === b.length ? a > b : Date.parse(a) > Date.parse(b);
}
