import {
  type AgentSnapshot,
  type CandidateScore,
  groupOf,
  type IneligibleReason,
  type RoutableConsultation,
} from './routing.types';

export interface EligibilityOptions {
  /** The weighted strategy never picks an agent whose weight is 0 or less. */
  readonly requirePositiveWeight?: boolean;
}

/**
 * Why `agent` may not take `consultation`, or undefined when it may. An agent is eligible
 * when it is in the consultation's group (if any), has every required skill, is online and
 * holds fewer consultations than its capacity.
 */
export function whyNotEligible(
  agent: AgentSnapshot,
  consultation: RoutableConsultation,
  options: EligibilityOptions = {},
): IneligibleReason | undefined {
  const group = groupOf(consultation);
  if (group !== undefined && !agent.groups.includes(group)) return 'not_in_group';
  const required = consultation.requiredSkills ?? [];
  if (!required.every((skill) => agent.skills.includes(skill))) return 'missing_skills';
  if (options.requirePositiveWeight === true && !(agent.weight > 0)) return 'zero_weight';
  if (agent.status !== 'online') return agent.status;
  if (!(agent.load < agent.capacity)) return 'at_capacity';
  return undefined;
}

/**
 * Agents in one stable order (by id, compared by code unit so no locale can change it):
 * every strategy walks this order, which is what makes the same input give the same output
 * whatever order the caller listed the agents in.
 */
export function inStableOrder(agents: readonly AgentSnapshot[]): AgentSnapshot[] {
  // A drain routes many consultations over one list that is already in order: skip the sort.
  for (let i = 1; i < agents.length; i++) {
    if (compareIds(agents[i - 1].agentId, agents[i].agentId) > 0) {
      return [...agents].sort((a, b) => compareIds(a.agentId, b.agentId));
    }
  }
  return [...agents];
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One explanation line; an ineligible candidate scores 0 and says why not. */
export function candidateScore(
  agent: AgentSnapshot,
  whyNot: IneligibleReason | undefined,
  score: number,
): CandidateScore {
  // Literals, not spreads: a drain builds one line per agent per consultation routed.
  const { agentId, load, capacity, weight } = agent;
  return whyNot === undefined
    ? { agentId, load, capacity, weight, score, eligible: true }
    : { agentId, load, capacity, weight, score: 0, eligible: false, whyNot };
}
