import { DomainError, InvalidStateError } from '@switchboard/es-core';
import { type ConsultationCommandType } from './consultation.commands';
import { type ConsultationStateName } from './consultation.state';

/** Stable codes the edge maps to `{code, message}` and HTTP statuses. */
export const ConsultationErrorCode = {
  /** The command is not allowed in this state (details: `{state, command}`). */
  InvalidTransition: 'CONSULTATION_INVALID_TRANSITION',
  AlreadyOpened: 'CONSULTATION_ALREADY_OPENED',
  AlreadyAssigned: 'CONSULTATION_ALREADY_ASSIGNED',
  AlreadyAccepted: 'CONSULTATION_ALREADY_ACCEPTED',
  NotAccepted: 'CONSULTATION_NOT_ACCEPTED',
  NotAssignedToAgent: 'CONSULTATION_NOT_ASSIGNED_TO_AGENT',
  AlreadyClosed: 'CONSULTATION_ALREADY_CLOSED',
  AlreadyRated: 'CONSULTATION_ALREADY_RATED',
  ReopenWindowExpired: 'CONSULTATION_REOPEN_WINDOW_EXPIRED',
  TimerNotDue: 'CONSULTATION_TIMER_NOT_DUE',
  /** Command data breaks a rule (kind `invalid_command`; details name the field). */
  InvalidCommand: 'CONSULTATION_INVALID_COMMAND',
  InvalidRating: 'CONSULTATION_INVALID_RATING',
} as const;

export type ConsultationErrorCode =
  (typeof ConsultationErrorCode)[keyof typeof ConsultationErrorCode];

export function invalidTransition(
  state: ConsultationStateName,
  command: ConsultationCommandType,
): InvalidStateError {
  return new InvalidStateError(
    ConsultationErrorCode.InvalidTransition,
    `Cannot ${command} a consultation that is ${state.replace('_', ' ')}`,
    { state, command },
  );
}

/** A lost race or a duplicate (second accept, accept by another agent, double assign). */
export function conflict(
  code: ConsultationErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>>,
): DomainError {
  return new DomainError(code, message, 'conflict', details);
}

export function stateError(
  code: ConsultationErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>>,
): InvalidStateError {
  return new InvalidStateError(code, message, details);
}

export function invalidCommand(
  field: string,
  message: string,
  code: ConsultationErrorCode = ConsultationErrorCode.InvalidCommand,
): DomainError {
  return new DomainError(code, message, 'invalid_command', { field });
}
