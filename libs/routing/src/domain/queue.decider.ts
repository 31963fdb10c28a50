import { assertNever, type Decider, isoTime } from '@switchboard/es-core';
import { InvalidQueueCommandError, QueueEntryNotFoundError } from './queue.errors';
import {
  type AdmitCommand,
  type ConsultationEnqueued,
  type DequeueCommand,
  type EnqueueCommand,
  type QueueCommand,
  type QueueEntry,
  type QueueEvent,
  type QueueState,
} from './queue.events';
import { groupOf } from './routing.types';

/**
 * The waiting line for one routing key, stream `queue-<key>`.
 *
 * Why this makes routing race-free across processes: the queue stream is the ONE writer of
 * "who leaves the line". Every command goes through `handleCommand`, which appends with the
 * revision it folded. Two routers that both planned to hand the head to an agent race on the
 * same revision; the store accepts one append, the other re-reads, finds the consultation
 * gone and gets QUEUE_ENTRY_NOT_FOUND instead of assigning it a second time. So the
 * application claims a consultation here (dequeue `assigned`) before it touches the agent
 * and consultation streams; the agent stream, appended the same way, refuses a take beyond
 * capacity, and a claim that then fails is put back with its original `at`. An arrival the
 * same drain hands out is admitted instead (one event for the drain, the line unchanged).
 */
export const queueDecider: Decider<QueueCommand, QueueEvent, QueueState> = {
  initialState: { entries: [] },
  decide(command, state) {
    switch (command.type) {
      case 'enqueue':
        return enqueue(command, state);
      case 'dequeue':
        return dequeue(command, state);
      case 'admit':
        return admit(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ConsultationEnqueued':
        return { entries: insertInOrder(state.entries, event.data) };
      case 'ConsultationDequeued':
        return {
          entries: state.entries.filter(
            (entry) => entry.consultationId !== event.data.consultationId,
          ),
        };
      case 'ConsultationsAdmitted':
        return state; // they never waited
      default:
        return assertNever(event);
    }
  },
};

function enqueue(command: EnqueueCommand, state: QueueState): QueueEvent[] {
  const { consultationId, domain, requiredSkills } = command.data;
  const group = groupOf(command.data);
  // Idempotent: a consultation already waiting keeps its place.
  if (isWaiting(state, consultationId)) return [];
  const at = command.data.at === undefined ? command.metadata.now : new Date(command.data.at);
  if (Number.isNaN(at.getTime())) {
    throw new InvalidQueueCommandError(
      'QUEUE_INVALID_AT',
      `Not an ISO-8601 time: ${command.data.at}`,
    );
  }
  const data: ConsultationEnqueued['data'] = {
    consultationId,
    domain,
    ...(group === undefined ? {} : { group }),
    ...(requiredSkills === undefined || requiredSkills.length === 0
      ? {}
      : { requiredSkills: [...requiredSkills] }),
    at: isoTime(at),
  };
  return [{ type: 'ConsultationEnqueued', version: 1, data }];
}

function dequeue(command: DequeueCommand, state: QueueState): QueueEvent[] {
  const { data } = command;
  if (!isWaiting(state, data.consultationId)) {
    throw new QueueEntryNotFoundError(data.consultationId);
  }
  const at = isoTime(command.metadata.now);
  switch (data.reason) {
    case 'assigned':
      // The type already says so; the check keeps an untyped caller from an agentless assignment.
      if (typeof data.agentId !== 'string' || data.agentId === '') {
        throw new InvalidQueueCommandError(
          'QUEUE_AGENT_REQUIRED',
          'A consultation leaves the queue as assigned only with the agent it went to',
        );
      }
      return [
        {
          type: 'ConsultationDequeued',
          version: 1,
          data: {
            consultationId: data.consultationId,
            reason: data.reason,
            agentId: data.agentId,
            at,
          },
        },
      ];
    case 'abandoned':
    case 'closed':
      return [
        {
          type: 'ConsultationDequeued',
          version: 1,
          data: { consultationId: data.consultationId, reason: data.reason, at },
        },
      ];
    default:
      return assertNever(data);
  }
}

/**
 * Only for consultations that are not waiting: one that is waiting has a place in the line and
 * leaves it by `dequeue`, so its wait stays on record. Each at most once, each with its agent.
 */
function admit(command: AdmitCommand, state: QueueState): QueueEvent[] {
  const { admissions } = command.data;
  if (admissions.length === 0) return [];
  const waiting = new Set(state.entries.map((entry) => entry.consultationId));
  const seen = new Set<string>();
  for (const { consultationId, agentId } of admissions) {
    const problem = admissionProblem(consultationId, agentId, waiting, seen);
    if (problem !== undefined) {
      throw new InvalidQueueCommandError(
        'QUEUE_ADMISSION_INVALID',
        `Consultation ${consultationId} ${problem}`,
      );
    }
    seen.add(consultationId);
  }
  const at = isoTime(command.metadata.now);
  const data = {
    admissions: admissions.map(({ consultationId, agentId }) => ({ consultationId, agentId })),
    at,
  };
  return [{ type: 'ConsultationsAdmitted', version: 1, data }];
}

function admissionProblem(
  consultationId: string,
  agentId: string,
  waiting: ReadonlySet<string>,
  seen: ReadonlySet<string>,
): string | undefined {
  if (waiting.has(consultationId)) return 'is waiting: it leaves the line by dequeue';
  if (seen.has(consultationId)) return 'is admitted twice';
  if (typeof agentId !== 'string' || agentId === '') return 'has no agent';
  return undefined;
}

function isWaiting(state: QueueState, consultationId: string): boolean {
  return state.entries.some((entry) => entry.consultationId === consultationId);
}

/** FIFO by waiting time; equal times keep arrival order, so a plain open always goes last. */
function insertInOrder(entries: readonly QueueEntry[], entry: QueueEntry): QueueEntry[] {
  const at = Date.parse(entry.at);
  const index = entries.findIndex((existing) => Date.parse(existing.at) > at);
  return index === -1
    ? [...entries, entry]
    : [...entries.slice(0, index), entry, ...entries.slice(index)];
}
