import { packReason } from '../assignment-reason.codec';
import {
  type AssignmentReason,
  type ClosedBy,
  type ConsultationCommand,
  type ConsultationEvent,
  type ConsultationPolicy,
  type ConsultationStateName,
  type TimerKind,
  type TransferTarget,
  consultationDecider,
  timerId,
} from '../index';

/** Shared given/when/then material: one consultation `c-1`, a fixed policy and fixed times. */
export const CID = 'c-1';

export const POLICY: ConsultationPolicy = {
  acceptTimeoutMs: 60_000,
  idleWarningAfterMs: 5 * 60_000,
  idleCloseAfterMs: 10 * 60_000,
  autoCloseAfterResolvedMs: 30 * 60_000,
  reopenWindowMs: 15 * 60_000,
};

export const decider = consultationDecider(POLICY);

export const T = {
  open: '2026-03-02T09:00:00.000Z',
  assign: '2026-03-02T09:01:00.000Z',
  accept: '2026-03-02T09:01:30.000Z',
  resolve: '2026-03-02T09:20:00.000Z',
  close: '2026-03-02T09:25:00.000Z',
  /** When the table's commands run: 10 minutes after resolution, inside the reopen window. */
  now: '2026-03-02T09:30:00.000Z',
} as const;

export const plus = (iso: string, ms: number): string =>
  new Date(new Date(iso).getTime() + ms).toISOString();

export const REASON: AssignmentReason = {
  strategy: 'least_load',
  candidates: [
    { agentId: 'agent-1', load: 1, capacity: 5, weight: 1, score: 0.8 },
    { agentId: 'agent-2', load: 3, capacity: 5, weight: 2, score: 0.4 },
  ],
  winner: 'agent-1',
};

let commandCounter = 0;
/** A command of the given type, at `now` (default T.now), with a fresh command id. */
export function command<K extends ConsultationCommand['type']>(
  type: K,
  data: Extract<ConsultationCommand, { type: K }>['data'],
  now: string = T.now,
): Extract<ConsultationCommand, { type: K }> {
  const metadata = { commandId: `cmd-${++commandCounter}`, now: new Date(now), userId: 'u-1' };
  return { type, data, metadata } as Extract<ConsultationCommand, { type: K }>;
}

const consultationId = CID;
export const ev = {
  opened: (at: string = T.open): ConsultationEvent => ({
    type: 'ConsultationOpened',
    version: 1,
    data: {
      consultationId,
      customerId: 'cust-1',
      domain: 'hotel',
      group: 'vip',
      subject: 'Late check-in',
      context: { orderId: 'o-42' },
      conversationId: 'conv-1',
      at,
    },
  }),
  /** Schedules its accept timeout, number `timerSeq` of the stream (v4, D45). */
  assigned: (
    agentId: string,
    at: string,
    reason: AssignmentReason = REASON,
    timerSeq = 0,
  ): ConsultationEvent => ({
    type: 'ConsultationAssigned',
    version: 5,
    data: {
      consultationId,
      agentId,
      group: 'vip',
      reason: packReason(reason),
      acceptDeadline: plus(at, POLICY.acceptTimeoutMs),
      acceptTimerId: timerId(CID, 'accept_timeout', timerSeq),
      at,
    },
  }),
  accepted: (agentId: string, at: string): ConsultationEvent => ({
    type: 'ConsultationAccepted',
    version: 1,
    data: { consultationId, agentId, at },
  }),
  requeued: (
    agentId: string,
    reason: 'accept_timeout' | 'agent_offline',
    at: string,
  ): ConsultationEvent => ({
    type: 'ConsultationRequeued',
    version: 1,
    data: { consultationId, agentId, reason, at },
  }),
  transferred: (fromAgentId: string, to: TransferTarget, at: string): ConsultationEvent => ({
    type: 'ConsultationTransferred',
    version: 1,
    data: { consultationId, fromAgentId, to, by: 'sup-1', at },
  }),
  resolved: (at: string): ConsultationEvent => ({
    type: 'ConsultationResolved',
    version: 1,
    data: { consultationId, agentId: 'agent-1', by: 'agent-1', at },
  }),
  reopened: (at: string): ConsultationEvent => ({
    type: 'ConsultationReopened',
    version: 1,
    data: { consultationId, previousAgentId: 'agent-1', at },
  }),
  closed: (
    by: ClosedBy,
    reason: string,
    agentId: string | null,
    at: string,
  ): ConsultationEvent => ({
    type: 'ConsultationClosed',
    version: 1,
    data: { consultationId, by, reason, agentId, at },
  }),
  rated: (score: 1 | 2 | 3 | 4 | 5, comment: string | null, at: string): ConsultationEvent => ({
    type: 'ConsultationRated',
    version: 1,
    data: { consultationId, score, comment, at },
  }),
  activity: (by: 'customer' | 'agent', at: string): ConsultationEvent => ({
    type: 'ConsultationActivityRecorded',
    version: 1,
    data: { consultationId, by, at },
  }),
  idleWarning: (seq: number, at: string): ConsultationEvent => ({
    type: 'IdleWarningIssued',
    version: 1,
    data: { consultationId, timerId: timerId(CID, 'idle_warning', seq), at },
  }),
  scheduled: (kind: TimerKind, seq: number, dueAt: string): ConsultationEvent => ({
    type: 'TimerScheduled',
    version: 1,
    data: { consultationId, timerId: timerId(CID, kind, seq), kind, dueAt },
  }),
  cancelled: (kind: TimerKind, seq: number): ConsultationEvent => ({
    type: 'TimerCancelled',
    version: 1,
    data: { consultationId, timerId: timerId(CID, kind, seq), kind },
  }),
  fired: (kind: TimerKind, seq: number, at: string): ConsultationEvent => ({
    type: 'TimerFired',
    version: 1,
    data: { consultationId, timerId: timerId(CID, kind, seq), kind, at },
  }),
};

const awaitingAccept = [ev.opened(), ev.assigned('agent-1', T.assign)];
const accepted = [
  ...awaitingAccept,
  ev.accepted('agent-1', T.accept),
  ev.cancelled('accept_timeout', 0),
  ev.scheduled('idle_warning', 1, plus(T.accept, POLICY.idleWarningAfterMs)),
  ev.scheduled('idle_close', 2, plus(T.accept, POLICY.idleCloseAfterMs)),
];
const resolved = [
  ...accepted,
  ev.resolved(T.resolve),
  ev.cancelled('idle_warning', 1),
  ev.cancelled('idle_close', 2),
  ev.scheduled('auto_close_after_resolved', 3, plus(T.resolve, POLICY.autoCloseAfterResolvedMs)),
];

/** The history that puts `c-1` in each state of the transition table. */
export const HISTORY: Record<ConsultationStateName, readonly ConsultationEvent[]> = {
  initial: [],
  pending: [ev.opened()],
  awaiting_accept: awaitingAccept,
  accepted,
  resolved,
  closed: [
    ...resolved,
    ev.closed('customer', 'done', 'agent-1', T.close),
    ev.cancelled('auto_close_after_resolved', 3),
  ],
};

export const STATE_NAMES = Object.keys(HISTORY) as ConsultationStateName[];
