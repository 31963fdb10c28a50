import { assertNever } from '@switchboard/es-core';
import { type ConsultationEvent } from './consultation.events';
import {
  type ConsultationState,
  type OpenedConsultation,
  type PendingTimer,
} from './consultation.state';

const latest = (current: string | null, at: string): string =>
  current !== null && current > at ? current : at;

export function evolveConsultation(
  state: ConsultationState,
  event: ConsultationEvent,
): ConsultationState {
  if (event.type === 'ConsultationOpened') {
    const d = event.data;
    return {
      status: 'pending',
      accepted: false,
      consultationId: d.consultationId,
      customerId: d.customerId,
      domain: d.domain,
      group: d.group,
      subject: d.subject,
      context: d.context,
      conversationId: d.conversationId,
      assignedAgentId: null,
      lastAgentId: null,
      openedAt: d.at,
      queuedAt: d.at,
      assignedAt: null,
      acceptedAt: null,
      firstAgentActivityAt: null,
      lastCustomerActivityAt: null,
      lastAgentActivityAt: null,
      lastActivityAt: null,
      resolvedAt: null,
      closedAt: null,
      closedBy: null,
      closeReason: null,
      rating: null,
      assignments: 0,
      transfers: 0,
      requeues: 0,
      reopens: 0,
      idleWarnings: 0,
      pendingTimers: [],
      timersScheduled: 0,
    };
  }
  // Every other event follows an opening; a stray one is ignored rather than invented into state.
  if (state.status === 'initial') return state;
  const s: OpenedConsultation = state;
  switch (event.type) {
    case 'ConsultationAssigned': {
      const assigned: OpenedConsultation = {
        ...s,
        status: 'assigned',
        accepted: false,
        assignedAgentId: event.data.agentId,
        lastAgentId: event.data.agentId,
        assignedAt: event.data.at,
        acceptedAt: null,
        assignments: s.assignments + 1,
      };
      const timerId = event.data.acceptTimerId; // v4; before, a TimerScheduled follows
      if (timerId === undefined) return assigned;
      const timer = { timerId, kind: 'accept_timeout' as const, dueAt: event.data.acceptDeadline };
      return scheduled(assigned, timer);
    }
    case 'ConsultationAccepted':
      return { ...s, accepted: true, acceptedAt: event.data.at };
    case 'ConsultationRequeued':
      return unassigned(s, event.data.at, { requeues: s.requeues + 1 });
    case 'ConsultationTransferred': {
      const to = event.data.to;
      const counted = { ...s, transfers: s.transfers + 1 };
      return 'group' in to ? unassigned(counted, event.data.at, { group: to.group }) : counted;
    }
    case 'ConsultationResolved':
      return { ...s, status: 'resolved', resolvedAt: event.data.at };
    case 'ConsultationReopened':
      return unassigned(s, event.data.at, {
        reopens: s.reopens + 1,
        resolvedAt: null,
        lastCustomerActivityAt: latest(s.lastCustomerActivityAt, event.data.at),
        lastActivityAt: latest(s.lastActivityAt, event.data.at),
      });
    case 'ConsultationClosed':
      return {
        ...s,
        status: 'closed',
        closedAt: event.data.at,
        closedBy: event.data.by,
        closeReason: event.data.reason,
      };
    case 'ConsultationRated':
      return {
        ...s,
        rating: { score: event.data.score, comment: event.data.comment, at: event.data.at },
      };
    case 'ConsultationActivityRecorded': {
      const at = event.data.at;
      const side =
        event.data.by === 'customer'
          ? { lastCustomerActivityAt: latest(s.lastCustomerActivityAt, at) }
          : {
              lastAgentActivityAt: latest(s.lastAgentActivityAt, at),
              firstAgentActivityAt: s.firstAgentActivityAt ?? at,
            };
      return { ...s, ...side, lastActivityAt: latest(s.lastActivityAt, at) };
    }
    case 'IdleWarningIssued':
      return { ...s, idleWarnings: s.idleWarnings + 1 };
    case 'TimerScheduled': {
      const { timerId, kind, dueAt } = event.data;
      return scheduled(s, { timerId, kind, dueAt });
    }
    case 'TimerCancelled':
    case 'TimerFired':
      return {
        ...s,
        pendingTimers: s.pendingTimers.filter((t) => t.timerId !== event.data.timerId),
      };
    default:
      return assertNever(event);
  }
}

function scheduled(s: OpenedConsultation, timer: PendingTimer): OpenedConsultation {
  return {
    ...s,
    pendingTimers: [...s.pendingTimers, timer],
    timersScheduled: s.timersScheduled + 1,
  };
}

function unassigned(
  s: OpenedConsultation,
  at: string,
  changes: Partial<OpenedConsultation>,
): OpenedConsultation {
  return {
    ...s,
    ...changes,
    status: 'pending',
    accepted: false,
    assignedAgentId: null,
    queuedAt: at,
  };
}
