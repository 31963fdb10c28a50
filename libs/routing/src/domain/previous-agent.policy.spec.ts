import { describe, expect, it } from 'vitest';
import {
  isRouterStrategy,
  offerToPreviousAgents,
  PREVIOUS_AGENT_STRATEGY,
} from './previous-agent.policy';
import { type QueueState } from './queue.events';
import { agent } from './routing.fixtures';

const entry = (consultationId: string, group: string | null = null) => ({
  consultationId,
  domain: 'travel',
  group,
  at: '2026-03-02T09:00:00.000Z',
});

describe('offerToPreviousAgents', () => {
  const queue: QueueState = { entries: [entry('a'), entry('r1'), entry('r2'), entry('b')] };
  const previous = new Map([
    ['r1', 'ada'],
    ['r2', 'ada'],
  ]);

  it('offers reopened consultations to their previous agent, up to its capacity, in queue order', () => {
    const offer = offerToPreviousAgents(
      queue,
      [agent('ada', { capacity: 2, load: 1 }), agent('bob')],
      (id) => previous.get(id),
    );
    expect(offer.assignments).toEqual([
      {
        consultationId: 'r1',
        agentId: 'ada',
        reason: {
          strategy: PREVIOUS_AGENT_STRATEGY,
          winner: 'ada',
          candidates: [expect.objectContaining({ agentId: 'ada', load: 1, eligible: true })],
        },
      },
    ]);
    expect(offer.rest.entries.map((e) => e.consultationId)).toEqual(['a', 'r2', 'b']);
    expect(offer.agents.map((a) => [a.agentId, a.load])).toEqual([
      ['ada', 2],
      ['bob', 0],
    ]);
  });

  it.each([
    ['offline', agent('ada', { status: 'offline' })],
    ['away', agent('ada', { status: 'away' })],
    ['at capacity', agent('ada', { capacity: 1, load: 1 })],
  ])('leaves them to the normal strategy when the previous agent is %s', (_, ada) => {
    const offer = offerToPreviousAgents(queue, [ada, agent('bob')], (id) => previous.get(id));
    expect(offer.assignments).toEqual([]);
    expect(offer.rest).toBe(queue);
  });

  it('respects the group the consultation now waits in', () => {
    const offer = offerToPreviousAgents(
      { entries: [entry('r1', 'vip')] },
      [agent('ada', { groups: [] })],
      () => 'ada',
    );
    expect(offer.assignments).toEqual([]);
  });

  it('counts previous_agent as a router strategy, manual and transfer not', () => {
    expect(['previous_agent', 'least-load', 'manual', 'transfer'].map(isRouterStrategy)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
