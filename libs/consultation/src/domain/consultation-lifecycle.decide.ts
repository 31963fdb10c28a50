import { isoTime } from '@switchboard/es-core';
import {
  type CloseConsultation,
  type OpenConsultation,
  type RateConsultation,
  type ReopenConsultation,
  type ResolveConsultation,
} from './consultation.commands';
import {
  ConsultationErrorCode as Code,
  conflict,
  invalidCommand,
  invalidTransition,
  stateError,
} from './consultation.errors';
import { type ConsultationEvent } from './consultation.events';
import { type ConsultationPolicy } from './consultation.policy';
import { type ConsultationState, stateName } from './consultation.state';
import { addMs, cancel, schedule } from './consultation.timers';
import {
  durationOr,
  optionalText,
  requireId,
  requireTime,
  validComment,
  validContext,
  validScore,
} from './consultation.validation';

type Events = ConsultationEvent[];

export function open(command: OpenConsultation, state: ConsultationState): Events {
  if (state.status !== 'initial') {
    throw conflict(Code.AlreadyOpened, 'The consultation is already open', {
      consultationId: state.consultationId,
      state: stateName(state),
    });
  }
  const d = command.data;
  return [
    {
      type: 'ConsultationOpened',
      version: 1,
      data: {
        consultationId: requireId('consultationId', d.consultationId),
        customerId: requireId('customerId', d.customerId),
        domain: requireId('domain', d.domain),
        group: d.group === undefined ? null : requireId('group', d.group),
        subject: optionalText('subject', d.subject),
        context: validContext(d.context),
        conversationId: requireId('conversationId', d.conversationId),
        at: isoTime(command.metadata.now),
      },
    },
  ];
}

export function resolve(
  command: ResolveConsultation,
  state: ConsultationState,
  policy: ConsultationPolicy,
): Events {
  const name = stateName(state);
  if (name === 'awaiting_accept') {
    throw stateError(Code.NotAccepted, 'The agent has not accepted the consultation yet', {
      state: name,
      command: command.type,
    });
  }
  if (state.status !== 'assigned' || !state.accepted || state.assignedAgentId === null) {
    throw invalidTransition(name, command.type);
  }
  const at = isoTime(command.metadata.now);
  return [
    {
      type: 'ConsultationResolved',
      version: 1,
      data: {
        consultationId: state.consultationId,
        agentId: state.assignedAgentId,
        by: requireId('by', command.data.by),
        at,
      },
    },
    ...cancel(state),
    ...schedule(state, [
      { kind: 'auto_close_after_resolved', dueAt: addMs(at, policy.autoCloseAfterResolvedMs) },
    ]),
  ];
}

export function reopen(
  command: ReopenConsultation,
  state: ConsultationState,
  policy: ConsultationPolicy,
): Events {
  if (state.status !== 'resolved' || state.resolvedAt === null || state.assignedAgentId === null) {
    throw invalidTransition(stateName(state), command.type);
  }
  const at =
    command.data.at === undefined
      ? isoTime(command.metadata.now)
      : requireTime('at', command.data.at);
  const windowMs = durationOr('reopenWindowMs', command.data.reopenWindowMs, policy.reopenWindowMs);
  if (at < state.resolvedAt) {
    throw invalidCommand('at', 'A message from before the resolution cannot reopen it');
  }
  const closesAt = addMs(state.resolvedAt, windowMs);
  if (at > closesAt) {
    throw stateError(Code.ReopenWindowExpired, 'The reopen window has passed', {
      resolvedAt: state.resolvedAt,
      reopenWindowMs: windowMs,
      at,
    });
  }
  return [
    {
      type: 'ConsultationReopened',
      version: 1,
      data: {
        consultationId: state.consultationId,
        previousAgentId: state.assignedAgentId,
        at,
      },
    },
    ...cancel(state),
  ];
}

const CLOSERS: readonly string[] = ['agent', 'customer', 'system'];

export function close(command: CloseConsultation, state: ConsultationState): Events {
  if (state.status === 'initial') throw invalidTransition('initial', command.type);
  if (state.status === 'closed') {
    throw stateError(Code.AlreadyClosed, 'The consultation is already closed', {
      state: 'closed',
      command: command.type,
    });
  }
  const { by, reason } = command.data;
  if (!CLOSERS.includes(by)) throw invalidCommand('by', 'by must be agent, customer or system');
  return [
    {
      type: 'ConsultationClosed',
      version: 1,
      data: {
        consultationId: state.consultationId,
        by,
        reason: requireId('reason', reason),
        agentId: state.assignedAgentId,
        at: isoTime(command.metadata.now),
      },
    },
    ...cancel(state),
  ];
}

export function rate(command: RateConsultation, state: ConsultationState): Events {
  if (state.status !== 'resolved' && state.status !== 'closed') {
    throw invalidTransition(stateName(state), command.type);
  }
  if (state.rating !== null) {
    throw stateError(Code.AlreadyRated, 'The consultation has already been rated', {
      rating: state.rating.score,
    });
  }
  return [
    {
      type: 'ConsultationRated',
      version: 1,
      data: {
        consultationId: state.consultationId,
        score: validScore(command.data.score),
        comment: validComment(command.data.comment),
        at: isoTime(command.metadata.now),
      },
    },
  ];
}
