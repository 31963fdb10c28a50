import { compareIds, candidateScore, inStableOrder, whyNotEligible } from './eligibility.policy';
import {
  type AgentSnapshot,
  type AverageStrategyState,
  type StrategyInput,
  type StrategyOutcome,
} from './routing.types';

export const initialAverageState: AverageStrategyState = { strategy: 'average', lastAgentId: null };

/**
 * `average`: round-robin over the eligible agents in agent id order. The cursor is the agent
 * picked last; the next pick is the first eligible agent after it, wrapping around. Keeping
 * an id rather than an index means an agent joining, leaving or being skipped does not make
 * anyone lose or gain a turn.
 */
export function averageStrategy(
  input: StrategyInput,
  state: AverageStrategyState,
): StrategyOutcome<AverageStrategyState> {
  const agents = inStableOrder(input.agents);
  const verdicts = agents.map((agent) => whyNotEligible(agent, input.consultation));
  const eligible = agents.filter((_, index) => verdicts[index] === undefined);
  const turnOrder = rotateAfter(eligible, state.lastAgentId);
  // The next in turn scores highest: n, n-1, ..., 1.
  const scoreOf = (agentId: string) =>
    turnOrder.length - turnOrder.findIndex((agent) => agent.agentId === agentId);
  const winner = turnOrder.length > 0 ? turnOrder[0].agentId : null;
  return {
    winner,
    reason: {
      strategy: 'average',
      candidates: agents.map((agent, index) =>
        candidateScore(agent, verdicts[index], scoreOf(agent.agentId)),
      ),
      winner,
    },
    nextStrategyState: winner === null ? state : { strategy: 'average', lastAgentId: winner },
  };
}

function rotateAfter(ordered: readonly AgentSnapshot[], cursor: string | null): AgentSnapshot[] {
  if (cursor === null) return [...ordered];
  const start = ordered.findIndex((agent) => compareIds(agent.agentId, cursor) > 0);
  if (start <= 0) return [...ordered];
  return [...ordered.slice(start), ...ordered.slice(0, start)];
}
