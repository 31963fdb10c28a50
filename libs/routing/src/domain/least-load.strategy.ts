import { candidateScore, inStableOrder, whyNotEligible } from './eligibility.policy';
import {
  type AgentSnapshot,
  type LeastLoadStrategyState,
  type StrategyInput,
  type StrategyOutcome,
} from './routing.types';

export const initialLeastLoadState: LeastLoadStrategyState = { strategy: 'least-load' };

/**
 * `least-load`: the eligible agent with the lowest load/capacity ratio (scored as the free
 * share, 1 - load/capacity, so the highest score wins like every strategy). Ties go to the
 * lower absolute load, then agent id order. Stateless: the loads are the state. Idle time is
 * not tracked here because it would have to come from outside and would break the
 * same-input-same-output property the simulation relies on.
 */
export function leastLoadStrategy(
  input: StrategyInput,
  state: LeastLoadStrategyState,
): StrategyOutcome<LeastLoadStrategyState> {
  const agents = inStableOrder(input.agents);
  const verdicts = agents.map((agent) => whyNotEligible(agent, input.consultation));
  let winner: AgentSnapshot | null = null;
  for (const [index, agent] of agents.entries()) {
    if (verdicts[index] !== undefined) continue;
    if (winner === null || isLessLoaded(agent, winner)) winner = agent;
  }
  const winnerId = winner?.agentId ?? null;
  return {
    winner: winnerId,
    reason: {
      strategy: 'least-load',
      candidates: agents.map((agent, index) =>
        candidateScore(agent, verdicts[index], freeShare(agent)),
      ),
      winner: winnerId,
    },
    nextStrategyState: state,
  };
}

/** (capacity - load) / capacity: the free share 1 - load/capacity with one rounding, not two,
 * so 11 of 20 scores 0.45, not 0.44999999999999996 (and costs half the digits to store). */
export function freeShare(agent: Pick<AgentSnapshot, 'load' | 'capacity'>): number {
  return (agent.capacity - agent.load) / agent.capacity;
}

/** Strictly better; agents arrive in id order, so an equal one never replaces the earlier. */
function isLessLoaded(agent: AgentSnapshot, than: AgentSnapshot): boolean {
  // Cross-multiplied so 1/3 and 2/6 compare equal without floating-point noise.
  const left = agent.load * than.capacity;
  const right = than.load * agent.capacity;
  if (left !== right) return left < right;
  return agent.load < than.load;
}
