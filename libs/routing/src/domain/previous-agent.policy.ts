import { candidateScore, whyNotEligible } from './eligibility.policy';
import { type QueueState } from './queue.events';
import { type AgentSnapshot, type CandidateScore, isStrategyName } from './routing.types';

/** The reason's strategy when a reopened consultation goes back to the agent who had it. */
export const PREVIOUS_AGENT_STRATEGY = 'previous_agent';

/** The explanation on such an assignment: the one candidate offered first, and why it could. */
export interface PreviousAgentReason {
  readonly strategy: typeof PREVIOUS_AGENT_STRATEGY;
  readonly candidates: readonly CandidateScore[];
  readonly winner: string;
}

/** Whether an assignment's strategy is one the router decides with (not manual, not transfer). */
export function isRouterStrategy(strategy: string): boolean {
  return strategy === PREVIOUS_AGENT_STRATEGY || isStrategyName(strategy);
}

export interface PreviousAgentOffer {
  readonly assignments: readonly {
    readonly consultationId: string;
    readonly agentId: string;
    readonly reason: PreviousAgentReason;
  }[];
  /** The queue without the consultations offered to their previous agent. */
  readonly rest: QueueState;
  /** The agents with the loads those assignments give them, for the normal strategy. */
  readonly agents: readonly AgentSnapshot[];
}

/**
 * Reopen stickiness: a waiting consultation with a previous agent (it was reopened) is offered
 * to that agent before any strategy runs, when the agent is eligible for it right now (in the
 * group, online, below capacity, counting what this offer already gave it). Otherwise it stays
 * in the queue for the normal strategy. Queue order decides between two reopened
 * consultations of the same agent.
 */
export function offerToPreviousAgents(
  queue: QueueState,
  agents: readonly AgentSnapshot[],
  previousAgentOf: (consultationId: string) => string | undefined,
): PreviousAgentOffer {
  const byId = new Map(agents.map((agent) => [agent.agentId, agent]));
  const assignments: PreviousAgentOffer['assignments'][number][] = [];
  const rest: QueueState['entries'][number][] = [];
  for (const entry of queue.entries) {
    const previous = previousAgentOf(entry.consultationId);
    const agent = previous === undefined ? undefined : byId.get(previous);
    if (agent === undefined || whyNotEligible(agent, entry) !== undefined) {
      rest.push(entry);
      continue;
    }
    assignments.push({
      consultationId: entry.consultationId,
      agentId: agent.agentId,
      reason: {
        strategy: PREVIOUS_AGENT_STRATEGY,
        candidates: [candidateScore(agent, undefined, 1)],
        winner: agent.agentId,
      },
    });
    byId.set(agent.agentId, { ...agent, load: agent.load + 1 });
  }
  if (assignments.length === 0) return { assignments, rest: queue, agents };
  return {
    assignments,
    rest: { ...queue, entries: rest },
    agents: agents.map((agent) => byId.get(agent.agentId) ?? agent),
  };
}
