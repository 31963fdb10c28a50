import { describe, expect, it } from 'vitest';
import { initialLeastLoadState, leastLoadStrategy } from './least-load.strategy';
import { agent, consultation } from './routing.fixtures';
import { type AgentSnapshot } from './routing.types';

const pick = (agents: readonly AgentSnapshot[]) =>
  leastLoadStrategy({ consultation: consultation(), agents }, initialLeastLoadState);

describe('least-load', () => {
  it.each([
    {
      name: 'lowest load/capacity ratio, not lowest load',
      agents: [agent('a', { load: 2, capacity: 10 }), agent('b', { load: 1, capacity: 2 })],
      winner: 'a',
    },
    {
      name: 'equal ratios → lower absolute load',
      agents: [agent('a', { load: 2, capacity: 6 }), agent('b', { load: 1, capacity: 3 })],
      winner: 'b',
    },
    {
      name: 'equal ratio and load → id order, whatever the input order',
      agents: [agent('c', { load: 1 }), agent('b', { load: 1 }), agent('d', { load: 1 })],
      winner: 'b',
    },
    {
      name: 'an idle agent beats a busy one',
      agents: [agent('a', { load: 1, capacity: 100 }), agent('z', { load: 0, capacity: 1 })],
      winner: 'z',
    },
    {
      name: 'the least loaded is ineligible → the next',
      agents: [agent('a', { status: 'away' }), agent('b', { load: 2 }), agent('c', { load: 1 })],
      winner: 'c',
    },
  ])('$name', ({ agents, winner }) => {
    expect(pick(agents).winner).toBe(winner);
  });

  it('scores the free share and keeps no state', () => {
    const outcome = pick([
      agent('a', { load: 1, capacity: 4 }),
      agent('b', { load: 3, capacity: 4 }),
    ]);
    expect(outcome.reason.candidates.map((candidate) => candidate.score)).toEqual([0.75, 0.25]);
    expect(outcome.nextStrategyState).toBe(initialLeastLoadState);
  });

  it('treats capacity 0 as full, never as a division by zero', () => {
    const outcome = pick([agent('a', { capacity: 0 })]);
    expect(outcome.winner).toBeNull();
    expect(outcome.reason.candidates[0]).toMatchObject({ whyNot: 'at_capacity', score: 0 });
  });
});
