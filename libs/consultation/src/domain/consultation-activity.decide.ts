import { type RecordActivity } from './consultation.commands';
import { invalidCommand, invalidTransition } from './consultation.errors';
import { type ConsultationEvent } from './consultation.events';
import { type ConsultationState, stateName } from './consultation.state';
import { requireTime } from './consultation.validation';

type Events = ConsultationEvent[];

/**
 * Customer or agent activity. Idempotent: an activity not newer than that side's last one is a
 * redelivery or out of order and changes nothing. It moves the idle clock without touching the
 * idle timers: a timer that comes due re-arms itself from the last activity (`fireTimer`), so a
 * message costs one event, not a cancel and a schedule per idle timer.
 */
export function recordActivity(command: RecordActivity, state: ConsultationState): Events {
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
  return [recorded];
}
