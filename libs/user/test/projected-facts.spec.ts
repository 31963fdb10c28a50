import { TOPICS, type Envelope } from '@switchboard/contracts';
import { InMemoryFactStore, toFacts } from '@switchboard/data';
import { describe, expect, it } from 'vitest';
import { CustomerFactsReader } from '../src/application/customer-facts.reader';
import {
  customerProfile,
  customerTimeline,
  mayViewCustomer,
  satisfactionHistory,
  summarizeConsultations,
} from '../src/domain';

/**
 * The views over facts as the data service's projection really writes them (`toFacts`), not
 * as the FactsBuilder imitates them: catches drift between the two sides of the fact contract.
 */
const K = '7c1e2a44-0000-4000-8000-000000000001';
const at = (minute: number) => `2026-06-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

let position = 0;
function envelope(type: string, revision: number, data: Record<string, unknown>): Envelope {
  position += 1;
  const id = `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`;
  return {
    id,
    type,
    version: 1,
    streamId: `stream-${type}`,
    revision,
    position,
    occurredAt: String(data.at ?? data.createdAt ?? data.placedAt),
    correlationId: id,
    causationId: id,
    data,
  } as Envelope;
}

const consultation = (type: string, revision: number, data: Record<string, unknown>) =>
  [TOPICS.consultationEvents, envelope(type, revision, { consultationId: K, ...data })] as const;
const message = (seq: number, senderId: string, senderRole: string, internal: boolean) =>
  [
    TOPICS.imMessages,
    envelope('MessagePosted', seq, {
      conversationId: 'conv-7',
      consultationId: K,
      messageId: `msg-${seq}`,
      seq,
      senderId,
      senderRole,
      internal,
      createdAt: at(2 + seq),
    }),
  ] as const;

const MESSAGES = [
  consultation('ConsultationOpened', 0, {
    customerId: 'c-7',
    domain: 'travel',
    group: null,
    conversationId: 'conv-7',
    subject: 'Refund',
    at: at(0),
  }),
  consultation('ConsultationAssigned', 1, { agentId: 'a-7', group: null, at: at(1) }),
  message(1, 'c-7', 'customer', false),
  message(2, 'a-7', 'agent', true),
  message(3, 'a-7', 'agent', false),
  consultation('ConsultationResolved', 2, { agentId: 'a-7', at: at(10) }),
  consultation('ConsultationClosed', 3, {
    by: 'customer',
    reason: 'done',
    agentId: null,
    at: at(11),
  }),
  consultation('ConsultationRated', 4, { score: 4, comment: 'ok', at: at(12) }),
  [
    TOPICS.commerceOrders,
    envelope('OrderPlaced', 0, {
      orderId: 'o-7',
      customerId: 'c-7',
      domain: 'travel',
      amountMinor: 9_900,
      currency: 'EUR',
      placedAt: at(30),
    }),
  ] as const,
];

async function project(messages: typeof MESSAGES): Promise<CustomerFactsReader> {
  const store = new InMemoryFactStore();
  for (const [topic, env] of messages) await store.append(toFacts(topic, env), []);
  return new CustomerFactsReader(store);
}

describe('user views over projected facts', () => {
  it('gives the hand-counted profile, timeline and satisfaction, also after a redelivery', async () => {
    for (const reader of [await project(MESSAGES), await project([...MESSAGES, ...MESSAGES])]) {
      const facts = await reader.load('c-7');
      expect(customerProfile(facts)).toEqual({
        customerId: 'c-7',
        firstSeenAt: at(0),
        lastSeenAt: at(30),
        domains: ['travel'],
        consultations: { total: 1, open: 0, closed: 1 },
        messagesSent: 1,
        ratings: { count: 1, average: 4 },
        orders: { count: 1, totals: [{ currency: 'EUR', amountMinor: 9_900 }] },
      });
      const types = (includeInternal: boolean) =>
        customerTimeline(facts, { includeInternal, limit: 50 }).items.map((e) => e.type);
      expect(types(true)).toEqual([
        'consultation.opened',
        'consultation.assigned',
        'message',
        'message',
        'message',
        'consultation.resolved',
        'consultation.closed',
        'rating',
        'order',
      ]);
      expect(types(false)).toHaveLength(8);
      expect(satisfactionHistory(facts).ratings).toEqual([
        {
          consultationId: K,
          agentId: 'a-7',
          domain: 'travel',
          score: 4,
          comment: 'ok',
          at: at(12),
          runningAverage: 4,
        },
      ]);
    }
  });

  it('lets the agent see the customer while holding the consultation, not after it closed', async () => {
    const agent = { userId: 'a-7', role: 'agent' } as const;
    const whileResolved = await (await project(MESSAGES.slice(0, 6))).load('c-7');
    expect(mayViewCustomer(agent, 'c-7', summarizeConsultations(whileResolved))).toBe(true);
    const reader = await project(MESSAGES);
    await expect(reader.loadVisible(agent, 'c-7')).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await expect(
      reader.loadVisible({ userId: 's', role: 'supervisor' }, 'c-7'),
    ).resolves.toMatchObject({ customerId: 'c-7' });
  });
});
