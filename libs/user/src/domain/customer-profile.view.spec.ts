import { describe, expect, it } from 'vitest';
import { FactsBuilder } from '../../test/customer-facts.builder';
import { customerStory } from '../../test/customer-story.fixture';
import { customerProfile } from './customer-profile.view';
import { satisfactionHistory } from './satisfaction-history.view';

describe('customerProfile', () => {
  it('given the story week, then figures are as counted by hand', () => {
    expect(customerProfile(customerStory().of('c-1'))).toEqual({
      customerId: 'c-1',
      firstSeenAt: '2026-03-01T09:00:00.000Z',
      // o-3: the last thing the customer did (K4's close was the system's, not theirs).
      lastSeenAt: '2026-03-04T00:00:00.000Z',
      domains: ['shopping', 'travel'],
      consultations: { total: 4, open: 2, closed: 2 },
      // K1 seq 1 and 4, K2 seq 1; agents' notes and the system greeting are not theirs.
      messagesSent: 3,
      // (5 + 2 + 4) / 3 = 3.666…
      ratings: { count: 3, average: 3.67 },
      // o-1 delivered twice counts once: 12,000 + 3,000 EUR; 5,000 USD.
      orders: {
        count: 3,
        totals: [
          { currency: 'EUR', amountMinor: 15_000 },
          { currency: 'USD', amountMinor: 5_000 },
        ],
      },
    });
  });

  it('given no facts, then an empty profile (a customer who never did anything yet)', () => {
    expect(customerProfile(new FactsBuilder().of('c-new'))).toEqual({
      customerId: 'c-new',
      firstSeenAt: null,
      lastSeenAt: null,
      domains: [],
      consultations: { total: 0, open: 0, closed: 0 },
      messagesSent: 0,
      ratings: { count: 0, average: null },
      orders: { count: 0, totals: [] },
    });
  });

  it('given only agent activity after the opening, then lastSeenAt stays at the opening', () => {
    const facts = new FactsBuilder()
      .opened('2026-05-01T10:00:00.000Z', 'K9', 'c-9')
      .consultation('K9', '2026-05-01T10:01:00.000Z', 'assigned', { agentId: 'a', group: null })
      .message('K9', '2026-05-01T10:02:00.000Z', 1, 'a', 'agent')
      .message('K9', '2026-05-01T10:03:00.000Z', 2, 'c-other', 'customer')
      .consultation('K9', '2026-05-01T11:00:00.000Z', 'closed', {
        by: 'agent',
        reason: 'done',
        agentId: 'a',
      })
      .of('c-9');
    expect(customerProfile(facts)).toMatchObject({
      firstSeenAt: '2026-05-01T10:00:00.000Z',
      lastSeenAt: '2026-05-01T10:00:00.000Z',
      messagesSent: 0,
      consultations: { total: 1, open: 0, closed: 1 },
    });
  });
});

describe('satisfactionHistory', () => {
  it('given three ratings, then each names the agent who handled it and a running average', () => {
    expect(satisfactionHistory(customerStory().of('c-1'))).toEqual({
      customerId: 'c-1',
      count: 3,
      average: 3.67,
      ratings: [
        {
          consultationId: 'K1',
          // a-2 resolved it after the transfer; the customer's own close names no agent.
          agentId: 'a-2',
          domain: 'travel',
          score: 5,
          comment: 'great',
          at: '2026-03-01T09:13:00.000Z',
          runningAverage: 5,
        },
        {
          consultationId: 'K2',
          agentId: 'a-1',
          domain: 'shopping',
          score: 2,
          comment: null,
          at: '2026-03-02T10:25:00.000Z',
          runningAverage: 3.5,
        },
        {
          consultationId: 'K4',
          agentId: 'a-3',
          domain: 'shopping',
          score: 4,
          comment: null,
          at: '2026-03-03T12:41:00.000Z',
          runningAverage: 3.67,
        },
      ],
    });
  });

  it('given only the customer index rating (consultation facts missing), then it still counts', () => {
    const facts = new FactsBuilder()
      .customer('c-2', '2026-04-01T08:00:00.000Z', 'consultation', {
        consultationId: 'K7',
        domain: 'travel',
      })
      .customer('c-2', '2026-04-01T09:00:00.000Z', 'rating', { consultationId: 'K7', score: 3 })
      .of('c-2');
    expect(satisfactionHistory(facts).ratings).toEqual([
      {
        consultationId: 'K7',
        agentId: null,
        domain: 'travel',
        score: 3,
        comment: null,
        at: '2026-04-01T09:00:00.000Z',
        runningAverage: 3,
      },
    ]);
  });

  it('given a second rated fact for one consultation, then only the first counts', () => {
    const facts = new FactsBuilder()
      .opened('2026-04-01T08:00:00.000Z', 'K8', 'c-3')
      .rated('K8', 'c-3', '2026-04-01T09:00:00.000Z', 1)
      .rated('K8', 'c-3', '2026-04-01T10:00:00.000Z', 5)
      .of('c-3');
    const history = satisfactionHistory(facts);
    expect(history.count).toBe(1);
    expect(history.ratings[0]).toMatchObject({ score: 1, at: '2026-04-01T09:00:00.000Z' });
  });

  it('given no ratings, then an empty history with no average', () => {
    expect(satisfactionHistory(new FactsBuilder().of('c-4'))).toEqual({
      customerId: 'c-4',
      count: 0,
      average: null,
      ratings: [],
    });
  });
});
