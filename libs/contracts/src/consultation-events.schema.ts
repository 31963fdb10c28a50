import type { ContractDefinition } from './contract.registry';
import type { ConsultationEventsV1 } from './consultation-events.contract';
import {
  count,
  dateTime,
  id,
  nullableId,
  nullableText,
  object,
  oneOfValues,
  text,
} from './json-schema.fragments';
import { TOPICS } from './topics.contract';

const consultationId = id;
const timerKind = {
  ...id,
  description:
    '`accept_timeout`, `idle_warning`, `idle_close`, `auto_close_after_resolved`; more may be added.',
};

const candidate = object({
  agentId: id,
  load: count,
  capacity: count,
  weight: { type: 'number', exclusiveMinimum: 0 },
  score: { type: 'number' },
});

const reason = object(
  {
    strategy: { ...id, description: '`round_robin`, `weighted`, `least_load`, `queue`...' },
    candidates: { type: 'array', items: candidate },
    winner: id,
  },
  { description: 'Why this agent: the strategy, every candidate with its numbers, the winner.' },
);

const transferTarget = {
  oneOf: [object({ agentId: id }), object({ group: id })],
  description: 'Exactly one of an agent or a group.',
};

const contextValue = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
};

/** `data` schema of every v1 type on `consultation.events.v1`. */
const SCHEMAS: { readonly [T in keyof ConsultationEventsV1]: readonly [string, object] } = {
  ConsultationOpened: [
    'A customer opened a consultation; its conversation id is reserved.',
    object({
      consultationId,
      customerId: id,
      domain: id,
      group: nullableId,
      subject: nullableText,
      context: { type: 'object', additionalProperties: contextValue },
      conversationId: id,
      at: dateTime,
    }),
  ],
  ConsultationAssigned: [
    'Routed to an agent, awaiting accept; carries the routing reason.',
    object({
      consultationId,
      agentId: id,
      group: nullableId,
      reason,
      acceptDeadline: dateTime,
      at: dateTime,
    }),
  ],
  ConsultationAccepted: [
    'The assigned agent accepted.',
    object({ consultationId, agentId: id, at: dateTime }),
  ],
  ConsultationRequeued: [
    'Back to the queue; `agentId` is the agent who lost it.',
    object({
      consultationId,
      agentId: id,
      reason: {
        ...id,
        description: '`accept_timeout`, `agent_offline`, `agent_declined`, `manual`.',
      },
      at: dateTime,
    }),
  ],
  ConsultationTransferred: [
    'Handed to another agent (an assignment follows) or to a group (pending).',
    object({ consultationId, fromAgentId: id, to: transferTarget, by: id, at: dateTime }),
  ],
  ConsultationResolved: [
    'The agent resolved it; a customer message within the reopen window reopens it.',
    object({ consultationId, agentId: id, by: id, at: dateTime }),
  ],
  ConsultationReopened: [
    'Resolved → pending again; routing may prefer the previous agent.',
    object({ consultationId, previousAgentId: id, at: dateTime }),
  ],
  ConsultationClosed: [
    'Closed for good, by a person or by a timer (`inactivity`, `resolved_timeout`).',
    object({
      consultationId,
      by: oneOfValues(['agent', 'customer', 'system']),
      reason: text,
      agentId: nullableId,
      at: dateTime,
    }),
  ],
  ConsultationRated: [
    'The customer rated it (1-5).',
    object({
      consultationId,
      score: { type: 'integer', minimum: 1, maximum: 5 },
      comment: nullableText,
      at: dateTime,
    }),
  ],
  ConsultationActivityRecorded: [
    "A message from one side; `at` is the message's own time.",
    object({ consultationId, by: oneOfValues(['customer', 'agent']), at: dateTime }),
  ],
  IdleWarningIssued: [
    'No activity for the idle-warning time; closes on the idle-close time.',
    object({ consultationId, timerId: id, at: dateTime }),
  ],
  TimerScheduled: [
    'A durable timer was armed.',
    object({ consultationId, timerId: id, kind: timerKind, dueAt: dateTime }),
  ],
  TimerCancelled: [
    'A durable timer will not fire.',
    object({ consultationId, timerId: id, kind: timerKind }),
  ],
  TimerFired: [
    'A durable timer fired (exactly once).',
    object({ consultationId, timerId: id, kind: timerKind, at: dateTime }),
  ],
  AutoReplyIssued: [
    'An automatic reply (stream `auto-reply-<consultationId>`), posted as a system message.',
    object({
      consultationId,
      conversationId: id,
      kind: {
        ...id,
        description:
          '`greeting`, `queue_position`, `out_of_hours`, `faq_answer`; more may be added.',
      },
      text,
      triggerEventId: id,
      at: dateTime,
    }),
  ],
};

/** The v1 contracts of `consultation.events.v1`, in lifecycle order. */
export const CONSULTATION_EVENT_CONTRACTS: readonly ContractDefinition[] = Object.freeze(
  Object.entries(SCHEMAS).map(([type, [description, dataSchema]]) => ({
    topic: TOPICS.consultationEvents,
    type,
    version: 1,
    description,
    dataSchema: dataSchema as ContractDefinition['dataSchema'],
  })),
);
