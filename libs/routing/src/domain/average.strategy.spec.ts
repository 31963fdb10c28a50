import { describe, expect, it } from 'vitest';
import { averageStrategy, initialAverageState } from './average.strategy';
import { agent, consultation } from './routing.fixtures';
import { type AgentSnapshot, type AverageStrategyState } from './routing.types';

function picks(agents: readonly AgentSnapshot[], count: number, start = initialAverageState) {
  const winners: (string | null)[] = [];
  let state: AverageStrategyState = start;
  for (let i = 0; i < count; i++) {
    const outcome = averageStrategy({ consultation: consultation(`c-${i}`), agents }, state);
    winners.push(outcome.winner);
    state = outcome.nextStrategyState;
  }
  return { winners, state };
}

describe('average (round-robin)', () => {
  it('cycles fairly over the eligible agents in id order', () => {
    const { winners, state } = picks([agent('b'), agent('c'), agent('a')], 7);
    expect(winners).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    expect(state).toEqual({ strategy: 'average', lastAgentId: 'a' });
  });

  it.each([
    ['offline', { status: 'offline' as const }],
    ['away', { status: 'away' as const }],
    ['full', { load: 3, capacity: 3 }],
  ])('skips an agent that is %s', (_, overrides) => {
    const { winners } = picks([agent('a'), agent('b', overrides), agent('c')], 4);
    expect(winners).toEqual(['a', 'c', 'a', 'c']);
  });

  it('keeps the turn when the agent picked last has left', () => {
    const { winners } = picks([agent('a'), agent('c'), agent('d')], 2, {
      strategy: 'average',
      lastAgentId: 'b',
    });
    expect(winners).toEqual(['c', 'd']);
  });

  it('wraps around after the last agent in order', () => {
    const { winners } = picks([agent('a'), agent('b')], 1, {
      strategy: 'average',
      lastAgentId: 'z',
    });
    expect(winners).toEqual(['a']);
  });

  it('scores by turn order: the next in turn scores highest, the ineligible 0', () => {
    const outcome = averageStrategy(
      {
        consultation: consultation(),
        agents: [agent('a'), agent('b'), agent('c'), agent('d', { status: 'offline' })],
      },
      { strategy: 'average', lastAgentId: 'a' },
    );
    expect(outcome.reason.candidates.map(({ agentId, score }) => [agentId, score])).toEqual([
      ['a', 1],
      ['b', 3],
      ['c', 2],
      ['d', 0],
    ]);
    expect(outcome.winner).toBe('b');
  });
});
