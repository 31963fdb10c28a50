import { describe, expect, it } from 'vitest';
import { agent, consultation } from './routing.fixtures';
import { STRATEGY_NAMES, type StrategyInput } from './routing.types';
import { initialStrategyState, runStrategy } from './strategy.registry';

// One agent per reason to be turned away, for a consultation in group `vip` needing `de`.
const nobodyEligible: StrategyInput = {
  consultation: consultation('c-1', { group: 'vip', requiredSkills: ['de'] }),
  agents: [
    agent('a-outsider', { groups: ['general'], skills: ['de'] }),
    agent('b-unskilled', { groups: ['vip'], skills: ['en'] }),
    agent('c-offline', { groups: ['vip'], skills: ['de'], status: 'offline' }),
    agent('d-away', { groups: ['vip'], skills: ['de', 'en'], status: 'away' }),
    agent('e-full', { groups: ['vip'], skills: ['de'], load: 2, capacity: 2 }),
  ],
};

describe.each(STRATEGY_NAMES)('every strategy: %s', (name) => {
  it('nobody eligible → null winner, every candidate says why not, state unchanged', () => {
    const state = initialStrategyState(name);
    const outcome = runStrategy(name, nobodyEligible, state);
    expect(outcome.winner).toBeNull();
    expect(outcome.reason.winner).toBeNull();
    expect(
      outcome.reason.candidates.map(({ agentId, eligible, whyNot, score }) => ({
        agentId,
        eligible,
        whyNot,
        score,
      })),
    ).toEqual([
      { agentId: 'a-outsider', eligible: false, whyNot: 'not_in_group', score: 0 },
      { agentId: 'b-unskilled', eligible: false, whyNot: 'missing_skills', score: 0 },
      { agentId: 'c-offline', eligible: false, whyNot: 'offline', score: 0 },
      { agentId: 'd-away', eligible: false, whyNot: 'away', score: 0 },
      { agentId: 'e-full', eligible: false, whyNot: 'at_capacity', score: 0 },
    ]);
    expect(outcome.nextStrategyState).toBe(state);
  });

  it('the reason lists every candidate with load, capacity, weight and score, in id order', () => {
    const agents = [
      agent('b', { load: 1, capacity: 4, weight: 3 }),
      agent('a', { load: 0, capacity: 2, weight: 1 }),
      agent('c', { status: 'offline', load: 0, capacity: 5, weight: 2 }),
    ];
    const outcome = runStrategy(name, { consultation: consultation(), agents }, undefined);
    expect(outcome.reason.strategy).toBe(name);
    expect(outcome.reason.winner).toBe(outcome.winner);
    expect(outcome.reason.candidates).toHaveLength(3);
    expect(outcome.reason.candidates).toEqual([
      expect.objectContaining({ agentId: 'a', load: 0, capacity: 2, weight: 1, eligible: true }),
      expect.objectContaining({ agentId: 'b', load: 1, capacity: 4, weight: 3, eligible: true }),
      expect.objectContaining({ agentId: 'c', load: 0, capacity: 5, weight: 2, eligible: false }),
    ]);
    for (const candidate of outcome.reason.candidates) {
      expect(Number.isFinite(candidate.score)).toBe(true);
    }
    // The winner has the highest score among the eligible.
    const eligible = outcome.reason.candidates.filter((candidate) => candidate.eligible);
    const top = Math.max(...eligible.map((candidate) => candidate.score));
    expect(eligible.find((candidate) => candidate.agentId === outcome.winner)?.score).toBe(top);
  });

  it('is deterministic: same input, same output, whatever the agents order', () => {
    const agents = [agent('a', { load: 1 }), agent('b', { weight: 2 }), agent('c', { load: 2 })];
    const input = { consultation: consultation(), agents };
    const state = initialStrategyState(name);
    const first = runStrategy(name, input, state);
    expect(runStrategy(name, input, state)).toEqual(first);
    expect(runStrategy(name, { ...input, agents: [...agents].reverse() }, state)).toEqual(first);
  });
});

describe('runStrategy', () => {
  it('starts fresh when the kept state belongs to another strategy', () => {
    const input = { consultation: consultation(), agents: [agent('a'), agent('b')] };
    const outcome = runStrategy('weighted', input, { strategy: 'average', lastAgentId: 'a' });
    expect(outcome.winner).toBe('a');
    expect(outcome.nextStrategyState.strategy).toBe('weighted');
  });
});
