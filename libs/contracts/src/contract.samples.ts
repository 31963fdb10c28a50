import type { AgentEventsV1 } from './agent-events.contract';
import type { CommerceOrdersV1 } from './commerce-orders.contract';
import type { ConsultationEventsV1 } from './consultation-events.contract';
import type { Envelope } from './envelope.contract';
import type { ImMessagesV1 } from './im-messages.contract';
import type { PushRequestsV1 } from './push-requests.contract';
import { TOPICS } from './topics.contract';

/**
 * One valid `data` per public (topic, type) of v1, typed by the contract interfaces: a test
 * validates each against its JSON Schema, so the TypeScript types and the schemas cannot drift
 * apart. They are the AsyncAPI document's examples, and a starting point for test fixtures
 * (`{ ...sampleData(topic, type), field: change }`).
 */
const at = '2026-03-02T09:00:00.000Z';
const consultationId = '7c0a7d8e-52f4-4b8e-a3cf-2f1b2c3d4e5f';
const conversationId = '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5';
const customer = { userId: 'cust-1', role: 'customer' } as const;
const agent = { userId: 'agent-1', role: 'agent' } as const;

const consultation: ConsultationEventsV1 = {
  ConsultationOpened: {
    consultationId,
    customerId: 'cust-1',
    domain: 'travel',
    group: 'flights',
    subject: 'Refund',
    context: { orderId: 'o-1', nights: 2 },
    conversationId,
    at,
  },
  ConsultationAssigned: {
    consultationId,
    agentId: 'agent-1',
    group: 'flights',
    reason: {
      strategy: 'least_load',
      candidates: [{ agentId: 'agent-1', load: 1, capacity: 5, weight: 1, score: 0.8 }],
      winner: 'agent-1',
    },
    acceptDeadline: '2026-03-02T09:01:00.000Z',
    at,
  },
  ConsultationAccepted: { consultationId, agentId: 'agent-1', at },
  ConsultationRequeued: { consultationId, agentId: 'agent-1', reason: 'accept_timeout', at },
  ConsultationTransferred: {
    consultationId,
    fromAgentId: 'agent-1',
    to: { agentId: 'agent-2' },
    by: 'agent-1',
    at,
  },
  ConsultationResolved: { consultationId, agentId: 'agent-2', by: 'agent-2', at },
  ConsultationReopened: { consultationId, previousAgentId: 'agent-2', at },
  ConsultationClosed: { consultationId, by: 'system', reason: 'inactivity', agentId: null, at },
  ConsultationRated: { consultationId, score: 5, comment: null, at },
  ConsultationActivityRecorded: { consultationId, by: 'customer', at },
  IdleWarningIssued: { consultationId, timerId: 'idle-warning-1', at },
  TimerScheduled: {
    consultationId,
    timerId: 'accept-1',
    kind: 'accept_timeout',
    dueAt: '2026-03-02T09:01:00.000Z',
  },
  TimerCancelled: { consultationId, timerId: 'accept-1', kind: 'accept_timeout' },
  TimerFired: { consultationId, timerId: 'idle-warning-1', kind: 'idle_warning', at },
  AutoReplyIssued: {
    consultationId,
    conversationId,
    kind: 'greeting',
    text: 'Hello, how can we help?',
    triggerEventId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
    at,
  },
};

const im: ImMessagesV1 = {
  ConversationCreated: {
    conversationId,
    kind: 'consultation',
    domain: 'travel',
    consultationId,
    createdBy: 'system',
    members: [{ ...customer, memberRole: 'member' }],
    at,
  },
  MemberAdded: { conversationId, member: { ...agent, memberRole: 'member' }, by: 'system', at },
  MemberRemoved: { conversationId, userId: 'agent-1', by: 'system', at },
  MessagePosted: {
    conversationId,
    messageId: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
    seq: 1,
    senderId: 'cust-1',
    senderRole: 'customer',
    clientMsgId: 'client-1',
    type: 'text',
    text: 'My flight was cancelled.',
    attachment: null,
    internal: false,
    kind: 'consultation',
    domain: 'travel',
    consultationId,
    recipients: [agent],
    masked: false,
    createdAt: at,
  },
  MessageRejected: {
    conversationId,
    senderId: 'cust-1',
    clientMsgId: 'client-2',
    rules: ['word'],
    at,
  },
  ReadCursorMoved: {
    conversationId,
    userId: 'agent-1',
    deviceId: 'desktop-1',
    seq: 1,
    recipients: [customer, agent],
    at,
  },
  ConversationClosed: { conversationId, reason: 'consultation_closed', at },
};

const agents: AgentEventsV1 = {
  AgentRegistered: {
    agentId: 'agent-1',
    name: 'Ada',
    capacity: 5,
    groups: ['flights'],
    skills: ['english'],
    weight: 1,
    status: 'offline',
    at,
  },
  AgentStatusChanged: {
    agentId: 'agent-1',
    status: 'online',
    previousStatus: 'offline',
    held: [],
    at,
  },
  AgentCapacityChanged: { agentId: 'agent-1', capacity: 6, previousCapacity: 5, load: 1, at },
  AgentGroupsChanged: { agentId: 'agent-1', groups: ['flights', 'hotels'], at },
  AgentSkillsChanged: { agentId: 'agent-1', skills: ['english', 'french'], at },
  AgentWeightChanged: { agentId: 'agent-1', weight: 2, at },
  AgentConsultationTaken: { agentId: 'agent-1', consultationId, load: 1, capacity: 5, at },
  AgentConsultationReleased: {
    agentId: 'agent-1',
    consultationId,
    load: 0,
    reason: 'resolved',
    at,
  },
};

const push: PushRequestsV1 = {
  PushRequested: {
    pushId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
    userId: 'cust-1',
    conversationId,
    messageId: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
    title: 'New message from your agent',
    body: 'Your refund is on its way.',
    domain: 'travel',
    at,
  },
};

const orders: CommerceOrdersV1 = {
  OrderPlaced: {
    orderId: 'o-1',
    customerId: 'cust-1',
    domain: 'travel',
    amountMinor: 45_900,
    currency: 'EUR',
    placedAt: at,
  },
};

const SAMPLES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  [TOPICS.consultationEvents]: { ...consultation },
  [TOPICS.imMessages]: { ...im },
  [TOPICS.agentEvents]: { ...agents },
  [TOPICS.pushRequests]: { ...push },
  [TOPICS.commerceOrders]: { ...orders },
};

/**
 * A fresh copy of the sample `data` of (topic, type) v1.
 *
 * @throws RangeError when there is no sample for it.
 */
export function sampleData<T = Record<string, unknown>>(topic: string, type: string): T {
  const data = SAMPLES[topic]?.[type];
  if (data === undefined) throw new RangeError(`No contract sample for ${topic} ${type}`);
  return structuredClone(data) as T;
}

/** The stream a sample's event lives in, as Switchboard names it. */
function sampleStream(topic: string, type: string, data: Record<string, unknown>): string {
  if (type === 'AutoReplyIssued') return `auto-reply-${String(data.consultationId)}`;
  const [prefix, field] = {
    [TOPICS.consultationEvents]: ['consultation-', 'consultationId'],
    [TOPICS.imMessages]: ['conversation-', 'conversationId'],
    [TOPICS.agentEvents]: ['agent-', 'agentId'],
    [TOPICS.pushRequests]: ['push-', 'userId'],
    [TOPICS.commerceOrders]: ['order-', 'orderId'],
  }[topic] ?? ['sample-', 'id'];
  return `${prefix}${String(data[field] ?? type)}`;
}

/** A complete v1 envelope around {@link sampleData}. */
export function sampleEnvelope(topic: string, type: string): Envelope {
  const data = sampleData(topic, type);
  return {
    id: '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
    type,
    version: 1,
    streamId: sampleStream(topic, type, data),
    revision: 0,
    position: 1,
    occurredAt: at,
    correlationId: 'request-1',
    causationId: 'command-1',
    data,
  };
}
