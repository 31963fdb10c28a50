import { describe, expect, it } from 'vitest';
import { agent, consultation } from './routing.fixtures';
import { type AgentSnapshot, type WeightedStrategyState } from './routing.types';
import { initialWeightedState, weightedStrategy } from './weighted.strategy';

function picks(agents: readonly AgentSnapshot[], count: number) {
  const winners: (string | null)[] = [];
  const scores: number[][] = [];
  let state: WeightedStrategyState = initialWeightedState;
  for (let i = 0; i < count; i++) {
    const outcome = weightedStrategy({ consultation: consultation(`c-${i}`), agents }, state);
    winners.push(outcome.winner);
    scores.push(outcome.reason.candidates.map((candidate) => candidate.score));
    state = outcome.nextStrategyState;
  }
  return { winners, scores, state };
}

const fiveOneOne = [
  agent('a', { weight: 5, capacity: 100 }),
  agent('b', { weight: 1, capacity: 100 }),
  agent('c', { weight: 1, capacity: 100 }),
];

describe('weighted (smooth weighted round-robin)', () => {
  it('distributes 5:1:1 over 7 picks exactly like nginx, interleaved', () => {
    const { winners, scores, state } = picks(fiveOneOne, 7);
    expect(winners).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
    // The current weights nginx compares at each pick (after adding each weight).
    expect(scores).toEqual([
      [5, 1, 1],
      [3, 2, 2],
      [1, 3, 3],
      [6, -3, 4],
      [4, -2, 5],
      [9, -1, -1],
      [7, 0, 0],
    ]);
    // One full cycle brings every current weight back to 0.
    expect(state).toEqual({ strategy: 'weighted', current: { a: 0, b: 0, c: 0 } });
  });

  it('is exactly proportional over many cycles', () => {
    const { winners } = picks(fiveOneOne, 700);
    const count = (id: string) => winners.filter((winner) => winner === id).length;
    expect([count('a'), count('b'), count('c')]).toEqual([500, 100, 100]);
  });

  it('never picks an agent with weight 0 and says why', () => {
    const agents = [agent('a', { weight: 0 }), agent('b', { weight: 1 })];
    const outcome = weightedStrategy(
      { consultation: consultation(), agents },
      initialWeightedState,
    );
    expect(outcome.winner).toBe('b');
    expect(outcome.reason.candidates[0]).toMatchObject({
      agentId: 'a',
      eligible: false,
      whyNot: 'zero_weight',
      score: 0,
    });
  });

  it('leaves an ineligible agent its credit and forgets agents no longer listed', () => {
    const state: WeightedStrategyState = {
      strategy: 'weighted',
      current: { a: 2, b: -1, gone: 7 },
    };
    const agents = [agent('a', { status: 'away' }), agent('b', { weight: 2 }), agent('c')];
    const outcome = weightedStrategy({ consultation: consultation(), agents }, state);
    // b: -1 + 2 = 1, c: 0 + 1 = 1 → tie, id order → b, which drops by the eligible total 3.
    expect(outcome.winner).toBe('b');
    expect(outcome.nextStrategyState.current).toEqual({ a: 2, b: -2, c: 1 });
  });
});
