/**
 * Messages on `consultation.events.v1` (key: consultationId), contract v1. `data` is the
 * consultation context's stored event data of stream `consultation-<id>`, published unchanged;
 * `AutoReplyIssued` comes from stream `auto-reply-<consultationId>` on the same topic. Their
 * JSON Schemas are in `consultation-events.schema.ts`. Fields may be added inside v1 (consumers
 * ignore fields they do not know); none is removed or retyped. Times are ISO 8601 in UTC.
 */

/** Flat context the customer opened from (order id, product, page...). */
export type ConsultationContextData = Readonly<Record<string, string | number | boolean | null>>;

export interface ConsultationOpenedData {
  readonly consultationId: string;
  readonly customerId: string;
  readonly domain: string;
  readonly group: string | null;
  readonly subject: string | null;
  readonly context: ConsultationContextData;
  readonly conversationId: string;
  readonly at: string;
}

/** One agent the router considered, with the numbers it decided on. */
export interface AssignmentCandidateData {
  readonly agentId: string;
  readonly load: number;
  readonly capacity: number;
  readonly weight: number;
  readonly score: number;
}

/** Why the agent got the consultation. */
export interface AssignmentReasonData {
  /** `round_robin`, `weighted`, `least_load`, `queue`, `manual`, `transfer`; more may be added. */
  readonly strategy: string;
  readonly candidates: readonly AssignmentCandidateData[];
  /** Equals the assignment's `agentId`. */
  readonly winner: string;
}

export interface ConsultationAssignedData {
  readonly consultationId: string;
  readonly agentId: string;
  readonly group: string | null;
  readonly reason: AssignmentReasonData;
  /** When the accept timeout fires unless the agent accepts first. */
  readonly acceptDeadline: string;
  readonly at: string;
}

export interface ConsultationAcceptedData {
  readonly consultationId: string;
  readonly agentId: string;
  readonly at: string;
}

export interface ConsultationRequeuedData {
  readonly consultationId: string;
  /** The agent who lost it. */
  readonly agentId: string;
  /** `accept_timeout`, `agent_offline`, `agent_declined`, `manual`; more may be added. */
  readonly reason: string;
  readonly at: string;
}

export interface ConsultationTransferredData {
  readonly consultationId: string;
  readonly fromAgentId: string;
  readonly to: { readonly agentId: string } | { readonly group: string };
  readonly by: string;
  readonly at: string;
}

export interface ConsultationResolvedData {
  readonly consultationId: string;
  readonly agentId: string;
  /** User id of whoever resolved it. */
  readonly by: string;
  readonly at: string;
}

export interface ConsultationReopenedData {
  readonly consultationId: string;
  readonly previousAgentId: string;
  readonly at: string;
}

export interface ConsultationClosedData {
  readonly consultationId: string;
  readonly by: 'agent' | 'customer' | 'system';
  readonly reason: string;
  readonly agentId: string | null;
  readonly at: string;
}

export interface ConsultationRatedData {
  readonly consultationId: string;
  readonly score: 1 | 2 | 3 | 4 | 5;
  readonly comment: string | null;
  readonly at: string;
}

/** A message from one side; `at` is the message's own time. */
export interface ConsultationActivityRecordedData {
  readonly consultationId: string;
  readonly by: 'customer' | 'agent';
  readonly at: string;
}

export interface IdleWarningIssuedData {
  readonly consultationId: string;
  readonly timerId: string;
  readonly at: string;
}

/**
 * Durable timer kinds: `accept_timeout`, `idle_warning`, `idle_close`,
 * `auto_close_after_resolved`; more may be added.
 */
export type TimerKindData = string;

export interface TimerScheduledData {
  readonly consultationId: string;
  readonly timerId: string;
  readonly kind: TimerKindData;
  readonly dueAt: string;
}

export interface TimerCancelledData {
  readonly consultationId: string;
  readonly timerId: string;
  readonly kind: TimerKindData;
}

export interface TimerFiredData {
  readonly consultationId: string;
  readonly timerId: string;
  readonly kind: TimerKindData;
  readonly at: string;
}

export interface AutoReplyIssuedData {
  readonly consultationId: string;
  readonly conversationId: string;
  /** `greeting`, `queue_position`, `out_of_hours`, `faq_answer`; more may be added. */
  readonly kind: string;
  readonly text: string;
  /** The event this reply answers: one reply per trigger and kind. */
  readonly triggerEventId: string;
  readonly at: string;
}

/** `type` → `data` of every v1 message on `consultation.events.v1`. */
export interface ConsultationEventsV1 {
  readonly ConsultationOpened: ConsultationOpenedData;
  readonly ConsultationAssigned: ConsultationAssignedData;
  readonly ConsultationAccepted: ConsultationAcceptedData;
  readonly ConsultationRequeued: ConsultationRequeuedData;
  readonly ConsultationTransferred: ConsultationTransferredData;
  readonly ConsultationResolved: ConsultationResolvedData;
  readonly ConsultationReopened: ConsultationReopenedData;
  readonly ConsultationClosed: ConsultationClosedData;
  readonly ConsultationRated: ConsultationRatedData;
  readonly ConsultationActivityRecorded: ConsultationActivityRecordedData;
  readonly IdleWarningIssued: IdleWarningIssuedData;
  readonly TimerScheduled: TimerScheduledData;
  readonly TimerCancelled: TimerCancelledData;
  readonly TimerFired: TimerFiredData;
  readonly AutoReplyIssued: AutoReplyIssuedData;
}

export const CONSULTATION_EVENT_TYPES = Object.freeze([
  'ConsultationOpened',
  'ConsultationAssigned',
  'ConsultationAccepted',
  'ConsultationRequeued',
  'ConsultationTransferred',
  'ConsultationResolved',
  'ConsultationReopened',
  'ConsultationClosed',
  'ConsultationRated',
  'ConsultationActivityRecorded',
  'IdleWarningIssued',
  'TimerScheduled',
  'TimerCancelled',
  'TimerFired',
  'AutoReplyIssued',
] as const satisfies readonly (keyof ConsultationEventsV1)[]);
