import {
  type AgentSnapshot,
  decideRoute,
  drainQueueInColumns,
  offerToPreviousAgents,
  type QueueState,
  type RoutingConfig,
  type StrategyStates,
} from '@switchboard/routing';
import { type AssignmentReason, type StoredAssignmentReason } from '../../domain';

/** One assignment a drain proposes, with the reason the consultation's `assign` records. */
export interface DrainAssignment {
  readonly consultationId: string;
  readonly agentId: string;
  /** Columns from the strategies (D40); objects from the reopen and re-route policies. */
  readonly reason: AssignmentReason | StoredAssignmentReason;
}

export interface DrainProposal {
  readonly assignments: DrainAssignment[];
  readonly strategyStates: StrategyStates;
}

/**
 * A reopened consultation is first offered to its previous agent (`offerToPreviousAgents`);
 * the rest of the queue gets `drainQueue`'s plan, except that a consultation which just left an agent (accept timeout,
 * agent gone, transferred away) goes to another agent whenever another one has room: routed
 * again over the others, with the loads the rest of the plan gives them.
 */
export function planDrain(
  queue: QueueState,
  all: readonly AgentSnapshot[],
  config: RoutingConfig,
  strategyStates: StrategyStates,
  avoidFor: (consultationId: string) => string | undefined,
  previousAgentOf: (consultationId: string) => string | undefined = () => undefined,
): DrainProposal {
  const offer = offerToPreviousAgents(queue, all, previousAgentOf);
  const agents = offer.agents;
  const plan = drainQueueInColumns(offer.rest, agents, config, strategyStates);
  const loads = new Map(agents.map((a) => [a.agentId, a.load]));
  for (const p of plan.assignments) loads.set(p.agentId, (loads.get(p.agentId) ?? 0) + 1);
  const assignments = plan.assignments.map((planned): DrainAssignment => {
    const avoid = avoidFor(planned.consultationId);
    if (avoid !== planned.agentId) return planned;
    const entry = queue.entries.find((e) => e.consultationId === planned.consultationId);
    if (entry === undefined) return planned;
    const others = agents
      .filter((a) => a.agentId !== avoid)
      .map((a) => ({ ...a, load: loads.get(a.agentId) ?? a.load }));
    const decision = decideRoute(entry, others, config, {});
    if (decision.kind !== 'assign') return planned;
    loads.set(avoid, (loads.get(avoid) ?? 1) - 1);
    loads.set(decision.agentId, (loads.get(decision.agentId) ?? 0) + 1);
    return { ...planned, agentId: decision.agentId, reason: decision.reason };
  });
  return {
    assignments: [...offer.assignments, ...assignments],
    strategyStates: plan.strategyStates,
  };
}
