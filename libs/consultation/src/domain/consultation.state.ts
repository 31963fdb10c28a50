import { type ClosedBy, type ConsultationContext, type TimerKind } from './consultation.events';

export type ConsultationStatus = 'pending' | 'assigned' | 'resolved' | 'closed';

export interface PendingTimer {
  readonly timerId: string;
  readonly kind: TimerKind;
  readonly dueAt: string;
}

export interface ConsultationRating {
  readonly score: number;
  readonly comment: string | null;
  readonly at: string;
}

export interface InitialConsultation {
  readonly status: 'initial';
}

/** Everything metrics and routing need is kept here; times are ISO strings, null until known. */
export interface OpenedConsultation {
  readonly status: ConsultationStatus;
  /** Only meaningful while `assigned`: false = awaiting the agent's accept. */
  readonly accepted: boolean;
  readonly consultationId: string;
  readonly customerId: string;
  readonly domain: string;
  readonly group: string | null;
  readonly subject: string | null;
  readonly context: ConsultationContext;
  readonly conversationId: string;
  readonly assignedAgentId: string | null;
  /** Agent who held it last (kept after requeue, transfer, resolve): reopen stickiness. */
  readonly lastAgentId: string | null;
  readonly openedAt: string;
  /** When it last entered the queue (open, requeue, transfer to group, reopen). */
  readonly queuedAt: string | null;
  readonly assignedAt: string | null;
  readonly acceptedAt: string | null;
  readonly firstAgentActivityAt: string | null;
  readonly lastCustomerActivityAt: string | null;
  readonly lastAgentActivityAt: string | null;
  readonly lastActivityAt: string | null;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  readonly closedBy: ClosedBy | null;
  readonly closeReason: string | null;
  readonly rating: ConsultationRating | null;
  readonly assignments: number;
  readonly transfers: number;
  readonly requeues: number;
  readonly reopens: number;
  readonly idleWarnings: number;
  /** Timers scheduled and neither fired nor cancelled: what a scheduler must (re)arm. */
  readonly pendingTimers: readonly PendingTimer[];
  /** Number of timers ever scheduled; the next timer id's suffix. */
  readonly timersScheduled: number;
}

export type ConsultationState = InitialConsultation | OpenedConsultation;

/** The six states the transition table is written over. */
export type ConsultationStateName =
  'initial' | 'pending' | 'awaiting_accept' | 'accepted' | 'resolved' | 'closed';

export const initialConsultationState: ConsultationState = { status: 'initial' };

export function stateName(state: ConsultationState): ConsultationStateName {
  if (state.status === 'assigned') return state.accepted ? 'accepted' : 'awaiting_accept';
  return state.status;
}
