import { assertNever } from '@switchboard/es-core';
import { type FireTimer } from './consultation.commands';
import { ConsultationErrorCode as Code, stateError } from './consultation.errors';
import { type ConsultationEvent, type TimerFired } from './consultation.events';
import {
  type ConsultationState,
  type OpenedConsultation,
  type PendingTimer,
} from './consultation.state';
import { cancel } from './consultation.timers';

type Events = ConsultationEvent[];

/**
 * Fires a timer exactly once: only a timer still pending in state has consequences; an unknown,
 * fired or cancelled id returns [] so a scheduler may fire at-least-once (after a restart, from
 * two nodes) without effect. A timer is never fired early: the scheduler gets a typed error and
 * tries again at `dueAt`.
 */
export function fireTimer(command: FireTimer, state: ConsultationState): Events {
  if (state.status === 'initial') return [];
  const timer = state.pendingTimers.find((t) => t.timerId === command.data.timerId);
  if (timer === undefined) return [];
  const at = command.metadata.now.toISOString();
  if (at < timer.dueAt) {
    throw stateError(Code.TimerNotDue, 'The timer is not due yet', {
      timerId: timer.timerId,
      dueAt: timer.dueAt,
      now: at,
    });
  }
  const fired: TimerFired = {
    type: 'TimerFired',
    version: 1,
    data: { consultationId: state.consultationId, timerId: timer.timerId, kind: timer.kind, at },
  };
  return [fired, ...consequences(state, timer, at)];
}

/** Pending timers always fit the state (transitions cancel the others); checked all the same. */
function consequences(s: OpenedConsultation, timer: PendingTimer, at: string): Events {
  const others = cancel(s, (t) => t.timerId !== timer.timerId);
  const accepted = s.status === 'assigned' && s.accepted;
  switch (timer.kind) {
    case 'accept_timeout':
      if (s.status !== 'assigned' || s.accepted || s.assignedAgentId === null) return [];
      return [
        {
          type: 'ConsultationRequeued',
          version: 1,
          data: {
            consultationId: s.consultationId,
            agentId: s.assignedAgentId,
            reason: 'accept_timeout',
            at,
          },
        },
        ...others,
      ];
    case 'idle_warning':
      if (!accepted) return [];
      return [
        {
          type: 'IdleWarningIssued',
          version: 1,
          data: { consultationId: s.consultationId, timerId: timer.timerId, at },
        },
      ];
    case 'idle_close':
      return accepted ? systemClose(s, 'inactivity', at, others) : [];
    case 'auto_close_after_resolved':
      return s.status === 'resolved' ? systemClose(s, 'resolved_timeout', at, others) : [];
    default:
      return assertNever(timer.kind);
  }
}

function systemClose(s: OpenedConsultation, reason: string, at: string, others: Events): Events {
  return [
    {
      type: 'ConsultationClosed',
      version: 1,
      data: {
        consultationId: s.consultationId,
        by: 'system',
        reason,
        agentId: s.assignedAgentId,
        at,
      },
    },
    ...others,
  ];
}
