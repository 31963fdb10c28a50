import { type DomainEvent } from '@switchboard/es-core';
import { type ReasonCandidates } from '@switchboard/routing';

/**
 * Events of the consultation aggregate (stream `consultation-<id>`). Every event carries its
 * `consultationId` so projections and the relay need not parse stream names. Times are ISO-8601
 * strings: `at` is the command's moment (`metadata.now`) unless stated otherwise.
 */

/** Flat, JSON-safe context the customer opened from (order id, product, page...). */
export type ConsultationContext = Readonly<Record<string, string | number | boolean | null>>;

/** One agent the router considered, with the numbers it decided on. */
export interface AssignmentCandidate {
  readonly agentId: string;
  readonly load: number;
  readonly capacity: number;
  readonly weight: number;
  readonly score: number;
  /** As the router explains its candidates; a least-load score is derived from it (D48). */
  readonly eligible?: boolean;
  /** Why a candidate was not eligible (the router's `IneligibleReason`). */
  readonly whyNot?: string;
}

/** Why an agent got the consultation: routing is explainable from the log alone. */
export interface AssignmentReason {
  /** e.g. `round_robin`, `weighted`, `least_load`, `queue`, `manual`, `transfer`. */
  readonly strategy: string;
  readonly candidates: readonly AssignmentCandidate[];
  /** The chosen agent id; equals the assignment's `agentId`. */
  readonly winner: string;
}

/**
 * How an assignment's reason is stored: the candidates as columns, one array per field, instead
 * of one object per candidate (v2, D32: with 50 candidates the v1 JSON repeated every field name
 * 50 times, ~5 KB per assignment), and since v3 (D44) a field every candidate shares (`capacity`,
 * `weight`, `eligible`, usually) once in `candidateConstants` instead of 50 times. The public
 * topic keeps the v1 shape (the relay expands it), so consumers see no change.
 * `packReason` / `unpackReason` (assignment-reason.codec.ts) convert.
 */
export interface StoredAssignmentReason extends ReasonCandidates {
  readonly strategy: string;
  readonly winner: string;
}

export type TimerKind =
  'accept_timeout' | 'idle_warning' | 'idle_close' | 'auto_close_after_resolved';

export type RequeueReason = 'accept_timeout' | 'agent_offline' | 'agent_declined' | 'manual';

export type ClosedBy = 'agent' | 'customer' | 'system';

export type ActivityBy = 'customer' | 'agent';

export type TransferTarget = { readonly agentId: string } | { readonly group: string };

export type ConsultationOpened = DomainEvent<
  'ConsultationOpened',
  {
    readonly consultationId: string;
    readonly customerId: string;
    readonly domain: string;
    readonly group: string | null;
    readonly subject: string | null;
    readonly context: ConsultationContext;
    readonly conversationId: string;
    readonly at: string;
  }
>;

/** pending → assigned, awaiting accept. Emitted by `assign` and by a transfer to an agent. */
export type ConsultationAssigned = DomainEvent<
  'ConsultationAssigned',
  {
    readonly consultationId: string;
    readonly agentId: string;
    readonly group: string | null;
    /**
     * Version 3: the candidates as columns and shared values (`unpackReason` gives them back as
     * objects). Version 2 had every field as a column, version 1 `AssignmentReason`;
     * `upcastConsultationEvent` turns either into this. Version 5 (D48): a least-load reason
     * leaves `score` out, since each candidate's load and capacity give it.
     */
    readonly reason: StoredAssignmentReason;
    /** When the accept timeout fires unless the agent accepts first. */
    readonly acceptDeadline: string;
    /**
     * Version 4 (D45): the id of the accept timeout this event schedules (due `acceptDeadline`),
     * as a `TimerScheduled` would. Before v4 a `TimerScheduled` followed in the stream instead,
     * and this is absent; the relay still publishes that `TimerScheduled` for v4.
     */
    readonly acceptTimerId?: string;
    readonly at: string;
  }
>;

export type ConsultationAccepted = DomainEvent<
  'ConsultationAccepted',
  { readonly consultationId: string; readonly agentId: string; readonly at: string }
>;

/** assigned (not accepted) → pending; `agentId` is the agent who lost it. */
export type ConsultationRequeued = DomainEvent<
  'ConsultationRequeued',
  {
    readonly consultationId: string;
    readonly agentId: string;
    readonly reason: RequeueReason;
    readonly at: string;
  }
>;

/** To an agent it is followed by `ConsultationAssigned`; to a group the consultation is pending. */
export type ConsultationTransferred = DomainEvent<
  'ConsultationTransferred',
  {
    readonly consultationId: string;
    readonly fromAgentId: string;
    readonly to: TransferTarget;
    /** User id of whoever transferred (agent or supervisor). */
    readonly by: string;
    readonly at: string;
  }
>;

export type ConsultationResolved = DomainEvent<
  'ConsultationResolved',
  {
    readonly consultationId: string;
    readonly agentId: string;
    readonly by: string;
    readonly at: string;
  }
>;

/** resolved → pending (routing may prefer `previousAgentId`); `at` is the customer's message time. */
export type ConsultationReopened = DomainEvent<
  'ConsultationReopened',
  { readonly consultationId: string; readonly previousAgentId: string; readonly at: string }
>;

export type ConsultationClosed = DomainEvent<
  'ConsultationClosed',
  {
    readonly consultationId: string;
    readonly by: ClosedBy;
    /** Free text from people; `inactivity` or `resolved_timeout` from timers. */
    readonly reason: string;
    /** Agent holding it when closed, if any. */
    readonly agentId: string | null;
    readonly at: string;
  }
>;

export type ConsultationRated = DomainEvent<
  'ConsultationRated',
  {
    readonly consultationId: string;
    readonly score: 1 | 2 | 3 | 4 | 5;
    readonly comment: string | null;
    readonly at: string;
  }
>;

/** A message from one side; `at` is the message's own time (command data), not `metadata.now`. */
export type ConsultationActivityRecorded = DomainEvent<
  'ConsultationActivityRecorded',
  { readonly consultationId: string; readonly by: ActivityBy; readonly at: string }
>;

export type IdleWarningIssued = DomainEvent<
  'IdleWarningIssued',
  { readonly consultationId: string; readonly timerId: string; readonly at: string }
>;

/**
 * Durable timers. Names are not consultation-specific on purpose: a scheduler can rebuild every
 * pending timer from `$all` (stream + timerId) and answer with a `fireTimer` command.
 */
export type TimerScheduled = DomainEvent<
  'TimerScheduled',
  {
    readonly consultationId: string;
    readonly timerId: string;
    readonly kind: TimerKind;
    readonly dueAt: string;
  }
>;

export type TimerCancelled = DomainEvent<
  'TimerCancelled',
  { readonly consultationId: string; readonly timerId: string; readonly kind: TimerKind }
>;

export type TimerFired = DomainEvent<
  'TimerFired',
  {
    readonly consultationId: string;
    readonly timerId: string;
    readonly kind: TimerKind;
    readonly at: string;
  }
>;

export type ConsultationEvent =
  | ConsultationOpened
  | ConsultationAssigned
  | ConsultationAccepted
  | ConsultationRequeued
  | ConsultationTransferred
  | ConsultationResolved
  | ConsultationReopened
  | ConsultationClosed
  | ConsultationRated
  | ConsultationActivityRecorded
  | IdleWarningIssued
  | TimerScheduled
  | TimerCancelled
  | TimerFired;
