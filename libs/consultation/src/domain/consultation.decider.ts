import { assertNever, type Decider } from '@switchboard/es-core';
import { type ConsultationCommand } from './consultation.commands';
import { type ConsultationEvent } from './consultation.events';
import {
  assertValidPolicy,
  type ConsultationPolicy,
  DEFAULT_CONSULTATION_POLICY,
} from './consultation.policy';
import { evolveConsultation } from './consultation.evolve';
import { type ConsultationState, initialConsultationState } from './consultation.state';
import { accept, assign, requeue, transfer } from './consultation-assignment.decide';
import { recordActivity } from './consultation-activity.decide';
import { close, open, rate, reopen, resolve } from './consultation-lifecycle.decide';
import { fireTimer } from './consultation-timers.decide';

/**
 * The consultation aggregate (stream `consultation-<id>`):
 *
 *   initial ─open→ pending ─assign→ assigned(awaiting) ─accept→ assigned(accepted) ─resolve→
 *   resolved ─close/auto close→ closed; assigned(awaiting) ─requeue/accept timeout→ pending;
 *   assigned ─transfer→ assigned(awaiting, new agent) | pending(new group);
 *   resolved ─reopen (within the window)→ pending; pending|assigned|resolved ─close→ closed;
 *   resolved|closed ─rate (once)→ same state.
 *
 * Every other (state, command) pair throws a typed DomainError (see consultation.errors.ts).
 * Timers are events: the decider schedules and cancels them, `fireTimer` consumes them.
 */
export type ConsultationDecider = Decider<
  ConsultationCommand,
  ConsultationEvent,
  ConsultationState
>;

export function consultationDecider(
  policy: ConsultationPolicy = DEFAULT_CONSULTATION_POLICY,
): ConsultationDecider {
  assertValidPolicy(policy);
  return {
    initialState: initialConsultationState,
    evolve: evolveConsultation,
    decide: (command, state) => decideConsultation(command, state, policy),
  };
}

function decideConsultation(
  command: ConsultationCommand,
  state: ConsultationState,
  policy: ConsultationPolicy,
): ConsultationEvent[] {
  switch (command.type) {
    case 'open':
      return open(command, state);
    case 'assign':
      return assign(command, state, policy);
    case 'accept':
      return accept(command, state, policy);
    case 'requeue':
      return requeue(command, state);
    case 'transfer':
      return transfer(command, state, policy);
    case 'resolve':
      return resolve(command, state, policy);
    case 'reopen':
      return reopen(command, state, policy);
    case 'close':
      return close(command, state);
    case 'rate':
      return rate(command, state);
    case 'recordActivity':
      return recordActivity(command, state);
    case 'fireTimer':
      return fireTimer(command, state, policy);
    default:
      return assertNever(command);
  }
}
