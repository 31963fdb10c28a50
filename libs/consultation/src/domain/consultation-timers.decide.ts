import { assertNever, isoTime } from '@switchboard/es-core';
import { type FireTimer } from './consultation.commands';
import { ConsultationErrorCode as Code, stateError } from './consultation.errors';
import { type ConsultationEvent, type TimerFired } from './consultation.events';
import { type ConsultationPolicy } from './consultation.policy';
import {
  type ConsultationState,
  type OpenedConsultation,
  type PendingTimer,
} from './consultation.state';
import { addMs, cancel, schedule } from './consultation.timers';

type Events = ConsultationEvent[];

/**
 * Fires a timer exactly once: only a timer still pending in state has consequences; an unknown,
 * fired or cancelled id returns [] so a scheduler may fire at-least-once (after a restart, from
 * two nodes) without effect. A timer is never fired early: the scheduler gets a typed error and
 * tries again at `dueAt`. An idle timer that comes due while the idle clock has moved since
 * (activity after it was scheduled) does not warn or close: it re-arms from the last activity.
 */
export function fireTimer(
  command: FireTimer,
  state: ConsultationState,
  policy: ConsultationPolicy,
): Events {
  if (state.status === 'initial') return [];
  const timer = state.pendingTimers.find((t) => t.timerId === command.data.timerId);
  if (timer === undefined) return [];
  const at = isoTime(command.metadata.now);
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
  return [fired, ...(rearmedIdle(state, timer, at, policy) ?? consequences(state, timer, at))];
}

type IdleKind = 'idle_warning' | 'idle_close';

/**
 * The idle timers due from the last activity, when `timer` is an idle timer that came due too
 * early for it; undefined when the consultation really was idle (the timer takes effect).
 * Re-arms each idle timer that is not pending any more and is still ahead (a warning already
 * given before the activity is given again after a new idle period).
 */
function rearmedIdle(
  s: OpenedConsultation,
  timer: PendingTimer,
  at: string,
  policy: ConsultationPolicy,
): Events | undefined {
  if (timer.kind !== 'idle_warning' && timer.kind !== 'idle_close') return undefined;
  if (s.status !== 'assigned' || !s.accepted) return undefined;
  const idleFrom = [s.lastActivityAt, s.acceptedAt].reduce<string>(
    (max, t) => (t !== null && t > max ? t : max),
    '',
  );
  const dueOf = (kind: IdleKind) =>
    addMs(idleFrom, kind === 'idle_warning' ? policy.idleWarningAfterMs : policy.idleCloseAfterMs);
  if (dueOf(timer.kind) <= at) return undefined;
  const pending = new Set(
    s.pendingTimers.filter((t) => t.timerId !== timer.timerId).map((t) => t.kind),
  );
  const kinds: IdleKind[] = ['idle_warning', 'idle_close'];
  return schedule(
    s,
    kinds
      .filter((k) => !pending.has(k) && dueOf(k) > at)
      .map((k) => ({ kind: k, dueAt: dueOf(k) })),
  );
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
