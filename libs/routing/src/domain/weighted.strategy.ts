import { candidateScore, inStableOrder, whyNotEligible } from './eligibility.policy';
import {
  type StrategyInput,
  type StrategyOutcome,
  type WeightedStrategyState,
} from './routing.types';

export const initialWeightedState: WeightedStrategyState = { strategy: 'weighted', current: {} };

/**
 * `weighted`: smooth weighted round-robin as nginx does it. Every eligible agent's current
 * weight grows by its weight; the highest current weight wins (ties: agent id order) and
 * drops by the sum of the eligible weights. Over any run of picks with the same eligible
 * set the shares are exactly proportional to weight and interleaved (5:1:1 → a a b a c a a),
 * never bursty. Ineligible agents keep their current weight untouched, as nginx does for a
 * peer that is down; agents no longer listed at all are forgotten.
 */
export function weightedStrategy(
  input: StrategyInput,
  state: WeightedStrategyState,
): StrategyOutcome<WeightedStrategyState> {
  const agents = inStableOrder(input.agents);
  const verdicts = agents.map((agent) =>
    whyNotEligible(agent, input.consultation, { requirePositiveWeight: true }),
  );
  const raised = new Map<string, number>();
  let total = 0;
  let winner: string | null = null;
  let best = -Infinity;
  for (const [index, agent] of agents.entries()) {
    if (verdicts[index] !== undefined) continue;
    const value = (state.current[agent.agentId] ?? 0) + agent.weight;
    raised.set(agent.agentId, value);
    total += agent.weight;
    if (value > best) {
      best = value;
      winner = agent.agentId;
    }
  }

  const current: Record<string, number> = {};
  for (const agent of agents) {
    const value = raised.get(agent.agentId) ?? state.current[agent.agentId] ?? 0;
    current[agent.agentId] = agent.agentId === winner ? value - total : value;
  }
  return {
    winner,
    reason: {
      strategy: 'weighted',
      candidates: agents.map((agent, index) =>
        candidateScore(agent, verdicts[index], raised.get(agent.agentId) ?? 0),
      ),
      winner,
    },
    nextStrategyState: winner === null ? state : { strategy: 'weighted', current },
  };
}
