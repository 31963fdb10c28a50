import { isoTime } from '@switchboard/es-core';
import {
  type AcceptConsultation,
  type AssignConsultation,
  type RequeueConsultation,
  type TransferConsultation,
} from './consultation.commands';
import {
  ConsultationErrorCode as Code,
  conflict,
  invalidCommand,
  invalidTransition,
} from './consultation.errors';
import {
  type AssignmentReason,
  type ConsultationAssigned,
  type ConsultationEvent,
  type RequeueReason,
  type StoredAssignmentReason,
} from './consultation.events';
import { isStoredReason, packReason } from './assignment-reason.codec';
import { type ConsultationPolicy } from './consultation.policy';
import { type ConsultationState, type OpenedConsultation, stateName } from './consultation.state';
import { addMs, cancel, scheduleIdle, timerId } from './consultation.timers';
import { durationOr, requireId, validReason, validTarget } from './consultation.validation';

type Events = ConsultationEvent[];
type Assigned = OpenedConsultation & { readonly assignedAgentId: string };

const REQUEUE_REASONS: readonly RequeueReason[] = [
  'accept_timeout',
  'agent_offline',
  'agent_declined',
  'manual',
];

function isAssigned(state: ConsultationState): state is Assigned {
  return state.status === 'assigned' && state.assignedAgentId !== null;
}

/** Assigned already: a second router lost the race (the stream's expected revision saw to it). */
function alreadyAssigned(state: Assigned): Error {
  return conflict(Code.AlreadyAssigned, 'The consultation is already assigned', {
    agentId: state.assignedAgentId,
    accepted: state.accepted,
  });
}

function alreadyAccepted(state: Assigned): Error {
  return conflict(Code.AlreadyAccepted, 'The consultation has already been accepted', {
    agentId: state.assignedAgentId,
  });
}

function notAssignedTo(state: Assigned, agentId: string): Error {
  return conflict(Code.NotAssignedToAgent, `The consultation is not assigned to ${agentId}`, {
    agentId,
    assignedAgentId: state.assignedAgentId,
  });
}

/** The assignment event, which also schedules its accept timeout, and every earlier timer cancelled. */
function assignment(
  state: OpenedConsultation,
  agentId: string,
  reason: AssignmentReason | StoredAssignmentReason,
  acceptTimeoutMs: number,
  now: Date,
): Events {
  const at = isoTime(now);
  const acceptDeadline = addMs(now, acceptTimeoutMs); // from the Date: no ISO text to parse back
  const assigned: ConsultationAssigned = {
    type: 'ConsultationAssigned',
    version: 5,
    data: {
      consultationId: state.consultationId,
      agentId,
      group: state.group,
      reason: isStoredReason(reason) ? reason : packReason(reason),
      acceptDeadline,
      // The accept timeout, scheduled by this event itself (v4, D45): ids continue the count.
      acceptTimerId: timerId(state.consultationId, 'accept_timeout', state.timersScheduled),
      at,
    },
  };
  return [assigned, ...cancel(state)];
}

export function assign(
  command: AssignConsultation,
  state: ConsultationState,
  policy: ConsultationPolicy,
): Events {
  if (isAssigned(state)) throw alreadyAssigned(state);
  if (state.status !== 'pending') throw invalidTransition(stateName(state), command.type);
  const agentId = requireId('agentId', command.data.agentId);
  validReason(command.data.reason, agentId);
  const timeout = durationOr(
    'acceptTimeoutMs',
    command.data.acceptTimeoutMs,
    policy.acceptTimeoutMs,
  );
  return assignment(state, agentId, command.data.reason, timeout, command.metadata.now);
}

export function accept(
  command: AcceptConsultation,
  state: ConsultationState,
  policy: ConsultationPolicy,
): Events {
  if (!isAssigned(state)) throw invalidTransition(stateName(state), command.type);
  if (state.accepted) throw alreadyAccepted(state);
  const agentId = requireId('agentId', command.data.agentId);
  if (agentId !== state.assignedAgentId) throw notAssignedTo(state, agentId);
  const at = isoTime(command.metadata.now);
  return [
    {
      type: 'ConsultationAccepted',
      version: 1,
      data: { consultationId: state.consultationId, agentId, at },
    },
    ...cancel(state, (t) => t.kind === 'accept_timeout'),
    ...scheduleIdle(state, policy, at),
  ];
}

export function requeue(command: RequeueConsultation, state: ConsultationState): Events {
  if (!isAssigned(state)) throw invalidTransition(stateName(state), command.type);
  if (state.accepted) throw alreadyAccepted(state);
  const { reason, agentId } = command.data;
  if (!REQUEUE_REASONS.includes(reason)) {
    throw invalidCommand('reason', `reason must be one of ${REQUEUE_REASONS.join(', ')}`);
  }
  if (agentId !== undefined && agentId !== state.assignedAgentId) {
    throw notAssignedTo(state, agentId);
  }
  return [
    {
      type: 'ConsultationRequeued',
      version: 1,
      data: {
        consultationId: state.consultationId,
        agentId: state.assignedAgentId,
        reason,
        at: isoTime(command.metadata.now),
      },
    },
    ...cancel(state),
  ];
}

/** To an agent: a new assignment awaiting accept. To a group: back in that group's queue. */
export function transfer(
  command: TransferConsultation,
  state: ConsultationState,
  policy: ConsultationPolicy,
): Events {
  if (!isAssigned(state)) throw invalidTransition(stateName(state), command.type);
  const to = validTarget(command.data.to);
  const by = requireId('by', command.data.by);
  const now = command.metadata.now;
  const transferred: ConsultationEvent = {
    type: 'ConsultationTransferred',
    version: 1,
    data: {
      consultationId: state.consultationId,
      fromAgentId: state.assignedAgentId,
      to,
      by,
      at: isoTime(now),
    },
  };
  if ('group' in to) return [transferred, ...cancel(state)];
  if (to.agentId === state.assignedAgentId) {
    throw invalidCommand('to.agentId', 'The consultation is already with this agent');
  }
  const reason = command.data.reason ?? {
    strategy: 'transfer',
    candidates: [],
    winner: to.agentId,
  };
  validReason(reason, to.agentId);
  return [transferred, ...assignment(state, to.agentId, reason, policy.acceptTimeoutMs, now)];
}
