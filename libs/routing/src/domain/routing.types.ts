/**
 * The vocabulary shared by the routing strategies, the queue and the simulation. Plain
 * readonly data: the application builds these from the agent and consultation streams.
 */

/** The strategies an operator can configure per group or domain. */
export const STRATEGY_NAMES = ['average', 'weighted', 'least-load'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export function isStrategyName(value: string): value is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(value);
}

export type AgentStatus = 'online' | 'away' | 'offline';

/** An agent as routing sees it at one moment. `load` is derived from held consultations. */
export interface AgentSnapshot {
  readonly agentId: string;
  readonly status: AgentStatus;
  /** Maximum concurrent consultations. */
  readonly capacity: number;
  /** Consultations held right now. */
  readonly load: number;
  /** Share for the `weighted` strategy; 0 or less means never picked by it. */
  readonly weight: number;
  readonly groups: readonly string[];
  readonly skills: readonly string[];
}

/** What routing needs to know about a consultation waiting for an agent. */
export interface RoutableConsultation {
  readonly consultationId: string;
  readonly domain: string;
  /**
   * When set, only agents in this group are candidates. Null means no group, as the
   * consultation aggregate records it.
   */
  readonly group?: string | null;
  /** Every one of these skills is required. */
  readonly requiredSkills?: readonly string[];
}

/** The consultation's group, or undefined when it has none (absent or null). */
export function groupOf(consultation: RoutableConsultation): string | undefined {
  return consultation.group ?? undefined;
}

/**
 * Why a candidate was not eligible. Checked in this order, the first failure wins:
 * the lasting mismatches first, so `at_capacity` means "would have been picked if it had room".
 */
export type IneligibleReason =
  'not_in_group' | 'missing_skills' | 'zero_weight' | 'offline' | 'away' | 'at_capacity';

/** One line of an assignment's explanation. */
export interface CandidateScore {
  readonly agentId: string;
  readonly load: number;
  readonly capacity: number;
  readonly weight: number;
  /**
   * What the strategy ranked by; the highest eligible score wins. `average`: turn order (the
   * next in turn has the most), `weighted`: the smooth-WRR current weight, `least-load`:
   * 1 - load/capacity. Always 0 for an ineligible candidate.
   */
  readonly score: number;
  readonly eligible: boolean;
  readonly whyNot?: IneligibleReason;
}

/** The explanation stored on every assignment (and on every decision to queue). */
export interface RoutingReason {
  readonly strategy: StrategyName;
  /** Every candidate, in agent id order. */
  readonly candidates: readonly CandidateScore[];
  /** The chosen agent, or null: nobody eligible, the consultation waits in the queue. */
  readonly winner: string | null;
}

/** The reason on an actual assignment: there is a winner (the consultation's `assign` takes it as is). */
export type AssignmentRoutingReason = RoutingReason & { readonly winner: string };

export interface AverageStrategyState {
  readonly strategy: 'average';
  /** The round-robin cursor: the agent picked last. An id, not an index, so joins and leaves keep the turn. */
  readonly lastAgentId: string | null;
}

export interface WeightedStrategyState {
  readonly strategy: 'weighted';
  /** Smooth weighted round-robin current weights by agent id (absent = 0). */
  readonly current: Readonly<Record<string, number>>;
}

export interface LeastLoadStrategyState {
  readonly strategy: 'least-load';
}

export type StrategyState = AverageStrategyState | WeightedStrategyState | LeastLoadStrategyState;

/** Strategy state per routing key (the group, or the domain when there is no group). */
export type StrategyStates = Readonly<Record<string, StrategyState>>;

export interface StrategyInput {
  readonly consultation: RoutableConsultation;
  readonly agents: readonly AgentSnapshot[];
}

export interface StrategyOutcome<S extends StrategyState = StrategyState> {
  readonly winner: string | null;
  readonly reason: RoutingReason;
  readonly nextStrategyState: S;
}
