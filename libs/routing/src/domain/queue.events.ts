import { type Command, type DomainEvent } from '@switchboard/es-core';
import { type RoutableConsultation } from './routing.types';

/** A waiting consultation, with what the drain needs to route it. */
export interface QueueEntry extends RoutableConsultation {
  /** ISO-8601: when the customer started waiting. The queue is ordered by it. */
  readonly at: string;
}

export type DequeueReason = 'assigned' | 'abandoned' | 'closed';

export type EnqueueCommand = Command<
  'enqueue',
  RoutableConsultation & {
    /**
     * When the customer started waiting; defaults to the command's `now`. A consultation put
     * back (accept timeout, agent went offline) passes its original time and keeps its place.
     */
    readonly at?: string;
  }
>;

export type DequeueCommand = Command<
  'dequeue',
  | { readonly consultationId: string; readonly reason: 'assigned'; readonly agentId: string }
  | { readonly consultationId: string; readonly reason: 'abandoned' | 'closed' }
>;

/** A consultation that goes to an agent in the drain it arrives in, without waiting. */
export interface QueueAdmission {
  readonly consultationId: string;
  readonly agentId: string;
}

/**
 * Arrivals handed to an agent by the same drain that saw them arrive: they never wait, so they
 * never join the line (no position, no queue message) and need no enqueue/dequeue pair.
 */
export type AdmitCommand = Command<'admit', { readonly admissions: readonly QueueAdmission[] }>;

export type QueueCommand = EnqueueCommand | DequeueCommand | AdmitCommand;

export type ConsultationEnqueued = DomainEvent<'ConsultationEnqueued', QueueEntry>;

export type ConsultationDequeued = DomainEvent<
  'ConsultationDequeued',
  {
    readonly consultationId: string;
    readonly reason: DequeueReason;
    readonly agentId?: string;
    /** ISO-8601, the command's `now`: with the entry's `at`, the wait is recomputable. */
    readonly at: string;
  }
>;

/**
 * One event for all the arrivals one drain admitted straight to agents. It leaves the line as
 * it was and is written for the record and for the expected revision: like a claim, it makes
 * the drain's decision the queue stream's next revision, so a router that planned on an older
 * line re-reads before it hands anyone out.
 */
export type ConsultationsAdmitted = DomainEvent<
  'ConsultationsAdmitted',
  {
    readonly admissions: readonly QueueAdmission[];
    /** ISO-8601, the command's `now`. */
    readonly at: string;
  }
>;

export type QueueEvent = ConsultationEnqueued | ConsultationDequeued | ConsultationsAdmitted;

export interface QueueState {
  /** Waiting consultations, head first. */
  readonly entries: readonly QueueEntry[];
}

/** Stream of the queue for a routing key (see `routingKeyOf`). */
export function queueStreamId(key: string): string {
  return `queue-${key}`;
}
