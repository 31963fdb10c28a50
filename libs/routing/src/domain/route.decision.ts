import { inStableOrder } from './eligibility.policy';
import { type PreviousAgentReason } from './previous-agent.policy';
import { type QueueState } from './queue.events';
import { type RoutingConfig, routingKeyOf, strategyFor } from './routing.config';
import {
  type AgentSnapshot,
  type AssignmentRoutingReason,
  type RoutableConsultation,
  type RoutingReason,
  type StrategyStates,
} from './routing.types';
import { runStrategy } from './strategy.registry';

export type RouteDecision =
  | {
      readonly kind: 'assign';
      readonly agentId: string;
      readonly reason: AssignmentRoutingReason;
      /** The states to keep for the next decision (this key's cursor moved). */
      readonly strategyStates: StrategyStates;
    }
  | {
      readonly kind: 'queue';
      /** Every candidate with its `whyNot`: why nobody could take it. */
      readonly reason: RoutingReason;
      readonly strategyStates: StrategyStates;
    };

/**
 * Where one consultation goes now, by the strategy configured for its group or domain.
 * For FIFO fairness the application routes a new consultation by enqueueing it and draining
 * the queue, so it never overtakes someone already waiting; call this directly only for a
 * consultation that is not queued behind anyone (e.g. a transfer to a specific group).
 */
export function decideRoute(
  consultation: RoutableConsultation,
  agents: readonly AgentSnapshot[],
  config: RoutingConfig,
  strategyStates: StrategyStates,
): RouteDecision {
  const key = routingKeyOf(consultation);
  const outcome = runStrategy(
    strategyFor(config, consultation),
    { consultation, agents },
    strategyStates[key],
  );
  if (outcome.winner === null) return { kind: 'queue', reason: outcome.reason, strategyStates };
  return {
    kind: 'assign',
    agentId: outcome.winner,
    reason: { ...outcome.reason, winner: outcome.winner },
    strategyStates: { ...strategyStates, [key]: outcome.nextStrategyState },
  };
}

export interface PlannedAssignment {
  readonly consultationId: string;
  readonly agentId: string;
  /** A strategy's explanation, or the reopen stickiness of `offerToPreviousAgents`. */
  readonly reason: AssignmentRoutingReason | PreviousAgentReason;
}

export interface DrainPlan {
  /** In queue order, head first. */
  readonly assignments: readonly PlannedAssignment[];
  readonly strategyStates: StrategyStates;
}

/**
 * The assignments the current capacity allows, head of the queue first. Each planned
 * assignment raises its agent's load before the next entry is routed, so a plan never puts
 * an agent over capacity. An entry nobody can take right now (say, a skill no free agent has)
 * is skipped rather than blocking the line: it was offered every agent before anyone behind
 * it, so it loses nothing to them. The plan is a proposal; the application carries it out
 * through the queue and agent streams, which reject whatever a concurrent writer got first.
 */
export function drainQueue(
  queue: QueueState,
  agents: readonly AgentSnapshot[],
  config: RoutingConfig,
  strategyStates: StrategyStates,
): DrainPlan {
  // Sorted once, so the strategies' stable order costs a check per entry, not a sort; only the
  // winner's snapshot is replaced after each assignment (1,000 entries × 50 agents in a drain).
  let current = inStableOrder(agents);
  const indexOf = new Map(current.map((agent, index) => [agent.agentId, index]));
  let roomLeft = current.filter(hasRoom).length;
  let states = strategyStates;
  const assignments: PlannedAssignment[] = [];
  for (const entry of queue.entries) {
    if (roomLeft === 0) break;
    const decision = decideRoute(entry, current, config, states);
    if (decision.kind === 'queue') continue;
    states = decision.strategyStates;
    assignments.push({
      consultationId: entry.consultationId,
      agentId: decision.agentId,
      reason: decision.reason,
    });
    const index = indexOf.get(decision.agentId) as number;
    const winner = { ...current[index], load: current[index].load + 1 };
    current = [...current];
    current[index] = winner;
    if (!hasRoom(winner)) roomLeft--;
  }
  return { assignments, strategyStates: states };
}

function hasRoom(agent: AgentSnapshot): boolean {
  return agent.status === 'online' && agent.load < agent.capacity;
}
