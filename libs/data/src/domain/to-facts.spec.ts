import { describe, expect, it } from 'vitest';
import { TOPICS, type Envelope } from '@switchboard/contracts';
import { toFacts } from './to-facts';
import { isUnsupportedMessage, UnsupportedMessageError } from './unsupported-message.error';

const AT = '2026-12-07T09:00:00.000Z';

function envelope(type: string, data: unknown, version = 1): Envelope {
  return {
    ...{ id: 'e1', type, version, streamId: 's-1', revision: 7, position: 70 },
    ...{ occurredAt: '2026-12-07T09:00:01.000Z', correlationId: 'e1', causationId: 'e1', data },
  };
}

/** The facts of one message, without the envelope-derived fields every fact shares. */
function facts(topic: string, type: string, data: Record<string, unknown>) {
  return toFacts(topic, envelope(type, { at: AT, ...data })).map(
    ({ id, subject, kind, data: d }) => ({
      ...{ id, subject, kind, data: d },
    }),
  );
}

const C = TOPICS.consultationEvents;
const A = TOPICS.agentEvents;
const c1 = { consultationId: 'c1' };

describe('toFacts: consultation.events.v1', () => {
  it.each([
    [
      'ConsultationAssigned',
      { agentId: 'a1', group: 'g', reason: {} },
      'assigned',
      { agentId: 'a1', group: 'g' },
    ],
    ['ConsultationAccepted', { agentId: 'a1' }, 'accepted', { agentId: 'a1' }],
    [
      'ConsultationRequeued',
      { agentId: 'a1', reason: 'accept_timeout' },
      'requeued',
      { agentId: 'a1', reason: 'accept_timeout' },
    ],
    [
      'ConsultationTransferred',
      { fromAgentId: 'a1', to: { agentId: 'a2' }, by: 's1' },
      'transferred',
      { fromAgentId: 'a1', toAgentId: 'a2', toGroup: null, by: 's1' },
    ],
    [
      'ConsultationTransferred',
      { fromAgentId: 'a1', to: { group: 'vip' }, by: 'a1' },
      'transferred',
      { fromAgentId: 'a1', toAgentId: null, toGroup: 'vip', by: 'a1' },
    ],
    ['ConsultationResolved', { agentId: 'a1', by: 'a1' }, 'resolved', { agentId: 'a1' }],
    ['ConsultationReopened', { previousAgentId: 'a1' }, 'reopened', { previousAgentId: 'a1' }],
    [
      'ConsultationClosed',
      { by: 'system', reason: 'inactivity', agentId: null },
      'closed',
      { by: 'system', reason: 'inactivity', agentId: null },
    ],
    ['ConsultationRated', { score: 4, comment: null }, 'rated', { score: 4, comment: null }],
  ])('%s → %s', (type, data, kind, expected) => {
    expect(facts(C, type, { ...c1, ...data })).toEqual([
      { id: 'e1', subject: 'consultation:c1', kind, data: expected },
    ]);
  });

  it('ConsultationOpened → opened, and the customer-indexed consultation fact', () => {
    const data = {
      customerId: 'u1',
      domain: 'travel',
      group: null,
      subject: 'Refund',
      conversationId: 'v1',
      context: {},
    };
    expect(facts(C, 'ConsultationOpened', { ...c1, ...data })).toEqual([
      {
        id: 'e1',
        subject: 'consultation:c1',
        kind: 'opened',
        data: {
          customerId: 'u1',
          domain: 'travel',
          group: null,
          conversationId: 'v1',
          subject: 'Refund',
        },
      },
      {
        id: 'e1:1',
        subject: 'customer:u1',
        kind: 'consultation',
        data: { consultationId: 'c1', domain: 'travel' },
      },
    ]);
  });

  it.each([
    'ConsultationActivityRecorded',
    'TimerScheduled',
    'TimerFired',
    'IdleWarningIssued',
    'AutoReplyIssued',
  ])('%s → no facts', (type) => expect(facts(C, type, { ...c1, by: 'customer' })).toEqual([]));
});

describe('toFacts: agent.events.v1', () => {
  it.each([
    [
      'AgentRegistered',
      { name: 'Ann', capacity: 3, groups: ['g'], skills: [], weight: 1, status: 'offline' },
      'registered',
      { name: 'Ann', groups: ['g'], capacity: 3 },
    ],
    [
      'AgentStatusChanged',
      { status: 'away', previousStatus: 'online', held: [] },
      'status',
      { status: 'away' },
    ],
    ['AgentGroupsChanged', { groups: ['g', 'vip'] }, 'groups', { groups: ['g', 'vip'] }],
    [
      'AgentCapacityChanged',
      { capacity: 5, previousCapacity: 3, load: 1 },
      'capacity',
      { capacity: 5 },
    ],
    [
      'AgentConsultationTaken',
      { consultationId: 'c1', load: 1, capacity: 3 },
      'taken',
      { consultationId: 'c1', load: 1 },
    ],
    [
      'AgentConsultationReleased',
      { consultationId: 'c1', load: 0, reason: 'resolved' },
      'released',
      { consultationId: 'c1', load: 0, reason: 'resolved' },
    ],
  ])('%s → %s', (type, data, kind, expected) => {
    expect(facts(A, type, { agentId: 'a1', ...data })).toEqual([
      { id: 'e1', subject: 'agent:a1', kind, data: expected },
    ]);
  });

  it.each(['AgentSkillsChanged', 'AgentWeightChanged'])('%s → no facts', (type) => {
    expect(facts(A, type, { agentId: 'a1', skills: [], weight: 2 })).toEqual([]);
  });
});

describe('toFacts: im.messages.v1 and commerce.orders.v1', () => {
  const posted = {
    ...{ conversationId: 'v1', messageId: 'm1', seq: 3, senderId: 'a1', senderRole: 'agent' },
    ...{
      clientMsgId: 'x',
      type: 'text',
      text: 'hi',
      attachment: null,
      internal: false,
      kind: 'consultation',
    },
    ...{
      domain: 'travel',
      consultationId: 'c1',
      recipients: [],
      masked: false,
      createdAt: '2026-12-07T10:00:00+01:00',
    },
  };

  it('MessagePosted of a consultation → message at its createdAt (normalized to UTC)', () => {
    const [fact] = toFacts(TOPICS.imMessages, envelope('MessagePosted', posted));
    expect(fact).toEqual({
      ...{ id: 'e1', subject: 'consultation:c1', kind: 'message', at: AT, revision: 7 },
      data: { messageId: 'm1', seq: 3, senderId: 'a1', senderRole: 'agent', internal: false },
    });
  });

  it('MessagePosted outside a consultation and other messaging types → no facts', () => {
    expect(
      toFacts(TOPICS.imMessages, envelope('MessagePosted', { ...posted, consultationId: null })),
    ).toEqual([]);
    expect(toFacts(TOPICS.imMessages, envelope('ReadCursorMoved', { seq: 1 }))).toEqual([]);
    expect(toFacts(TOPICS.imMessages, envelope('ConversationCreated', {}))).toEqual([]);
  });

  it('OrderPlaced → a customer order fact at placedAt', () => {
    const data = {
      orderId: 'o1',
      customerId: 'u1',
      domain: null,
      amountMinor: 1999,
      currency: 'EUR',
      placedAt: AT,
    };
    expect(toFacts(TOPICS.commerceOrders, envelope('OrderPlaced', data))).toEqual([
      {
        ...{ id: 'e1', subject: 'customer:u1', kind: 'order', at: AT, revision: 7 },
        data: { orderId: 'o1', domain: null, amountMinor: 1999, currency: 'EUR' },
      },
    ]);
  });

  it('an unknown topic or type → no facts; a redelivered message → the same facts', () => {
    expect(toFacts('other.topic.v1', envelope('ConsultationOpened', {}))).toEqual([]);
    expect(toFacts(C, envelope('SomethingNew', {}, 9))).toEqual([]);
    const again = () =>
      toFacts(
        TOPICS.commerceOrders,
        envelope('OrderPlaced', {
          orderId: 'o',
          customerId: 'u',
          domain: 'd',
          amountMinor: 1,
          currency: 'EUR',
          placedAt: AT,
        }),
      );
    expect(again()).toEqual(again());
  });
});

describe('toFacts: messages it cannot read', () => {
  it('a known type in an unsupported version → UNSUPPORTED_VERSION', () => {
    const call = () =>
      toFacts(C, envelope('ConsultationResolved', { ...c1, agentId: 'a1', at: AT }, 2));
    expect(call).toThrow(UnsupportedMessageError);
    expect(call).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_VERSION',
        details: { topic: C, type: 'ConsultationResolved', version: 2, id: 'e1' },
      }),
    );
  });

  it.each([
    ['data not an object', C, 'ConsultationResolved', 'nope'],
    ['missing consultationId', C, 'ConsultationResolved', { agentId: 'a1', at: AT }],
    [
      'time without a zone',
      C,
      'ConsultationResolved',
      { ...c1, agentId: 'a1', at: '2026-12-07T09:00' },
    ],
    ['score out of range', C, 'ConsultationRated', { ...c1, score: 6, at: AT }],
    [
      'transfer to both an agent and a group',
      C,
      'ConsultationTransferred',
      { ...c1, fromAgentId: 'a', to: { agentId: 'b', group: 'g' }, by: 'a', at: AT },
    ],
    ['unknown status', A, 'AgentStatusChanged', { agentId: 'a1', status: 'busy', at: AT }],
    [
      'negative amount',
      TOPICS.commerceOrders,
      'OrderPlaced',
      {
        orderId: 'o',
        customerId: 'u',
        domain: null,
        amountMinor: -1,
        currency: 'EUR',
        placedAt: AT,
      },
    ],
  ])('%s → MALFORMED_DATA', (_name, topic, type, data) => {
    let caught: unknown;
    try {
      toFacts(topic, envelope(type, data));
    } catch (error) {
      caught = error;
    }
    expect(isUnsupportedMessage(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'MALFORMED_DATA' });
  });
});
