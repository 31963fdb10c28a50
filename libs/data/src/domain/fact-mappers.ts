import type { AgentFactData, ConsultationFactData, CustomerFactData } from './fact';
import type { FactDraft } from './fact-draft';
import {
  MalformedField,
  asData,
  flag,
  instant,
  integer,
  oneOf,
  text,
  textOrNull,
  texts,
  type Data,
} from './message-fields';

/**
 * One mapper per (topic, type) that yields facts: it reads only the fields its facts need
 * (consumers ignore unknown fields) and throws `MalformedField` when one is missing.
 */
type Mapper = (data: Data) => readonly FactDraft[];

const ROLES = ['customer', 'agent', 'supervisor', 'admin', 'system'] as const;
const CLOSED_BY = ['agent', 'customer', 'system'] as const;
const STATUSES = ['online', 'away', 'offline'] as const;

function consultation<K extends keyof ConsultationFactData>(
  data: Data,
  kind: K,
  fact: ConsultationFactData[K],
  at = instant(data, 'at'),
): FactDraft {
  return {
    subjectKind: 'consultation',
    subjectId: text(data, 'consultationId'),
    kind,
    at,
    data: fact,
  };
}

function agent<K extends keyof AgentFactData>(
  data: Data,
  kind: K,
  fact: AgentFactData[K],
): FactDraft {
  return {
    subjectKind: 'agent',
    subjectId: text(data, 'agentId'),
    kind,
    at: instant(data, 'at'),
    data: fact,
  };
}

/** `to` of ConsultationTransferred: `{agentId}` or `{group}`. */
function transferTarget(data: Data): { toAgentId: string | null; toGroup: string | null } {
  const to = asData(data.to);
  const toAgentId = textOrNull(to, 'agentId');
  const toGroup = textOrNull(to, 'group');
  if ((toAgentId === null) === (toGroup === null)) {
    throw new MalformedField('to', 'either {agentId} or {group}');
  }
  return { toAgentId, toGroup };
}

/** Agent facts carry the agent's own data; `taken`/`released` feed occupancy and workload. */
export const agentFacts: Readonly<Record<string, Mapper>> = {
  AgentRegistered: (d) => [
    agent(d, 'registered', {
      name: textOrNull(d, 'name'),
      groups: texts(d, 'groups'),
      capacity: integer(d, 'capacity'),
    }),
  ],
  AgentStatusChanged: (d) => [agent(d, 'status', { status: oneOf(d, 'status', STATUSES) })],
  AgentGroupsChanged: (d) => [agent(d, 'groups', { groups: texts(d, 'groups') })],
  AgentCapacityChanged: (d) => [agent(d, 'capacity', { capacity: integer(d, 'capacity') })],
  AgentConsultationTaken: (d) => [
    agent(d, 'taken', { consultationId: text(d, 'consultationId'), load: integer(d, 'load') }),
  ],
  AgentConsultationReleased: (d) => [
    agent(d, 'released', {
      consultationId: text(d, 'consultationId'),
      load: integer(d, 'load'),
      reason: textOrNull(d, 'reason'),
    }),
  ],
};

export const consultationFacts: Readonly<Record<string, Mapper>> = {
  ConsultationOpened: (d) => {
    const opened = consultation(d, 'opened', {
      customerId: text(d, 'customerId'),
      domain: text(d, 'domain'),
      group: textOrNull(d, 'group'),
      conversationId: text(d, 'conversationId'),
      subject: d.subject === null || d.subject === undefined ? null : String(d.subject),
    });
    const indexed: CustomerFactData['consultation'] = {
      consultationId: opened.subjectId,
      domain: text(d, 'domain'),
    };
    const customer: FactDraft = {
      subjectKind: 'customer',
      subjectId: text(d, 'customerId'),
      kind: 'consultation',
      at: opened.at,
      data: indexed,
    };
    return [opened, customer];
  },
  ConsultationAssigned: (d) => [
    consultation(d, 'assigned', { agentId: text(d, 'agentId'), group: textOrNull(d, 'group') }),
  ],
  ConsultationAccepted: (d) => [consultation(d, 'accepted', { agentId: text(d, 'agentId') })],
  ConsultationRequeued: (d) => [
    consultation(d, 'requeued', { agentId: text(d, 'agentId'), reason: text(d, 'reason') }),
  ],
  ConsultationTransferred: (d) => [
    consultation(d, 'transferred', {
      fromAgentId: text(d, 'fromAgentId'),
      ...transferTarget(d),
      by: text(d, 'by'),
    }),
  ],
  ConsultationResolved: (d) => [consultation(d, 'resolved', { agentId: text(d, 'agentId') })],
  ConsultationReopened: (d) => [
    consultation(d, 'reopened', { previousAgentId: text(d, 'previousAgentId') }),
  ],
  ConsultationClosed: (d) => [
    consultation(d, 'closed', {
      by: oneOf(d, 'by', CLOSED_BY),
      reason: typeof d.reason === 'string' ? d.reason : '',
      agentId: textOrNull(d, 'agentId'),
    }),
  ],
  // The customer-indexed `rating` fact needs the customerId, which Rated does not carry: the
  // user timeline joins `rated` with the consultation's `opened` fact instead.
  ConsultationRated: (d) => {
    const score = integer(d, 'score', 1);
    if (score > 5) throw new MalformedField('score', 'an integer 1..5');
    return [consultation(d, 'rated', { score, comment: textOrNull(d, 'comment') })];
  },
};

/** Only messages of a consultation's conversation become facts (of that consultation). */
export const messageFacts: Readonly<Record<string, Mapper>> = {
  MessagePosted: (d) => {
    if (d.consultationId === null || d.consultationId === undefined) return [];
    const message: ConsultationFactData['message'] = {
      messageId: text(d, 'messageId'),
      seq: integer(d, 'seq', 1),
      senderId: text(d, 'senderId'),
      senderRole: oneOf(d, 'senderRole', ROLES),
      internal: flag(d, 'internal'),
    };
    return [consultation(d, 'message', message, instant(d, 'createdAt'))];
  },
};

export const orderFacts: Readonly<Record<string, Mapper>> = {
  OrderPlaced: (d) => {
    const order: CustomerFactData['order'] = {
      orderId: text(d, 'orderId'),
      domain: textOrNull(d, 'domain'),
      amountMinor: integer(d, 'amountMinor'),
      currency: text(d, 'currency'),
    };
    const at = instant(d, 'placedAt');
    return [
      { subjectKind: 'customer', subjectId: text(d, 'customerId'), kind: 'order', at, data: order },
    ];
  },
};
