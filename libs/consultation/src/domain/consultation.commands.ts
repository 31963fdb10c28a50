import { type Command } from '@switchboard/es-core';
import {
  type ActivityBy,
  type AssignmentReason,
  type StoredAssignmentReason,
  type ClosedBy,
  type ConsultationContext,
  type RequeueReason,
  type TransferTarget,
} from './consultation.events';

/**
 * Commands of the consultation aggregate. Time comes from `metadata.now` (and `at` where a
 * message's own time matters); durations come from the decider's `ConsultationPolicy`, with
 * per-command overrides where routing or a caller may know better.
 */

export type OpenConsultation = Command<
  'open',
  {
    readonly consultationId: string;
    readonly customerId: string;
    readonly domain: string;
    readonly group?: string;
    readonly subject?: string;
    readonly context?: ConsultationContext;
    readonly conversationId: string;
  }
>;

export type AssignConsultation = Command<
  'assign',
  {
    readonly agentId: string;
    /**
     * Why this agent: one object per candidate, or already in the stored column form (the
     * router builds its reasons as columns, D40, so nothing is converted on its hot path).
     */
    readonly reason: AssignmentReason | StoredAssignmentReason;
    /** Overrides `policy.acceptTimeoutMs` for this assignment. */
    readonly acceptTimeoutMs?: number;
  }
>;

export type AcceptConsultation = Command<'accept', { readonly agentId: string }>;

export type RequeueConsultation = Command<
  'requeue',
  {
    readonly reason: RequeueReason;
    /** When given, the requeue applies only if this agent still holds the assignment. */
    readonly agentId?: string;
  }
>;

export type TransferConsultation = Command<
  'transfer',
  {
    readonly to: TransferTarget;
    /** User id of whoever transfers. */
    readonly by: string;
    /** Reason recorded on the new assignment; default `{strategy: 'transfer', candidates: []}`. */
    readonly reason?: AssignmentReason;
  }
>;

export type ResolveConsultation = Command<'resolve', { readonly by: string }>;

export type ReopenConsultation = Command<
  'reopen',
  {
    /** Time of the customer's message; default `metadata.now`. */
    readonly at?: string;
    /** Overrides `policy.reopenWindowMs`. */
    readonly reopenWindowMs?: number;
  }
>;

export type CloseConsultation = Command<
  'close',
  { readonly by: ClosedBy; readonly reason: string }
>;

export type RateConsultation = Command<
  'rate',
  { readonly score: number; readonly comment?: string }
>;

export type RecordActivity = Command<
  'recordActivity',
  { readonly by: ActivityBy; /** ISO time of the message. */ readonly at: string }
>;

export type FireTimer = Command<'fireTimer', { readonly timerId: string }>;

export type ConsultationCommand =
  | OpenConsultation
  | AssignConsultation
  | AcceptConsultation
  | RequeueConsultation
  | TransferConsultation
  | ResolveConsultation
  | ReopenConsultation
  | CloseConsultation
  | RateConsultation
  | RecordActivity
  | FireTimer;

export type ConsultationCommandType = ConsultationCommand['type'];

const commandTypes: Record<ConsultationCommandType, true> = {
  open: true,
  assign: true,
  accept: true,
  requeue: true,
  transfer: true,
  resolve: true,
  reopen: true,
  close: true,
  rate: true,
  recordActivity: true,
  fireTimer: true,
};

/** Every command type, checked against the union at compile time (tests iterate it). */
export const CONSULTATION_COMMAND_TYPES = Object.keys(commandTypes) as ConsultationCommandType[];
