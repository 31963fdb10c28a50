import { type RecordActivity } from './consultation.commands';
import { invalidCommand, invalidTransition } from './consultation.errors';
import { type ConsultationEvent } from './consultation.events';
import { type ConsultationPolicy } from './consultation.policy';
import { type ConsultationState, stateName } from './consultation.state';
import { cancel, isIdleTimer, scheduleIdle } from './consultation.timers';
import { requireTime } from './consultation.validation';

type Events = ConsultationEvent[];

/**
 * Customer or agent activity. Idempotent: an activity not newer than that side's last one is a
 * redelivery or out of order and changes nothing. While accepted, a newer activity restarts the
 * idle clock: the old idle timers are cancelled and new ones (new ids) scheduled.
 */
export function recordActivity(
  command: RecordActivity,
  state: ConsultationState,
  policy: ConsultationPolicy,
): Events {
  if (state.status !== 'pending' && state.status !== 'assigned') {
    throw invalidTransition(stateName(state), command.type);
  }
  const { by } = command.data;
  if (by !== 'customer' && by !== 'agent') {
    throw invalidCommand('by', 'by must be customer or agent');
  }
  const at = requireTime('at', command.data.at);
  const lastOfSide = by === 'customer' ? state.lastCustomerActivityAt : state.lastAgentActivityAt;
  if (lastOfSide !== null && at <= lastOfSide) return [];
  const recorded: ConsultationEvent = {
    type: 'ConsultationActivityRecorded',
    version: 1,
    data: { consultationId: state.consultationId, by, at },
  };
  const idleFrom = [state.lastActivityAt, state.acceptedAt].reduce<string>(
    (max, t) => (t !== null && t > max ? t : max),
    '',
  );
  if (state.status !== 'assigned' || !state.accepted || at <= idleFrom) return [recorded];
  return [recorded, ...cancel(state, isIdleTimer), ...scheduleIdle(state, policy, at)];
}
