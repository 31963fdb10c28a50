import { type StrategyName } from './routing.types';

/** One consultation open from the recorded history. */
export interface RecordedOpen {
  readonly consultationId: string;
  /** ISO-8601. */
  readonly at: string;
  readonly domain: string;
  readonly group?: string | null;
  readonly requiredSkills?: readonly string[];
  /** How long the agent will hold it once assigned. */
  readonly handleTimeMs: number;
}

/** ISO-8601, `from` inclusive, `to` exclusive. */
export interface OnlineWindow {
  readonly from: string;
  readonly to: string;
}

export interface SimulatedAgent {
  readonly agentId: string;
  readonly capacity: number;
  readonly weight: number;
  readonly groups: readonly string[];
  readonly skills: readonly string[];
  /** Absent: online throughout. An agent going offline finishes what it holds. */
  readonly onlineWindows?: readonly OnlineWindow[];
}

export interface SimulationInput {
  readonly opens: readonly RecordedOpen[];
  readonly agents: readonly SimulatedAgent[];
  /** Applied to every group and domain, so strategies compare on the same history. */
  readonly strategy: StrategyName;
}

export interface SimulatedAssignment {
  readonly consultationId: string;
  readonly agentId: string;
  readonly openedAt: string;
  readonly assignedAt: string;
  readonly waitMs: number;
}

export interface SimulationResult {
  /** Over assigned consultations, nearest-rank percentiles in ms; all 0 when none was assigned. */
  readonly queueWait: { readonly p50: number; readonly p95: number; readonly max: number };
  /** Every agent, in input order. */
  readonly perAgent: readonly {
    readonly agentId: string;
    readonly assigned: number;
    readonly maxConcurrent: number;
  }[];
  /** In assignment order. */
  readonly assignments: readonly SimulatedAssignment[];
  /** Still waiting when nothing more could happen (nobody eligible ever came). */
  readonly unassigned: readonly string[];
}
