/**
 * Messages on `agent.events.v1` (key: agentId), contract v1. `data` is the stored event data of
 * stream `agent-<agentId>`, published unchanged; JSON Schemas in `agent-events.schema.ts`.
 * `load` and `held` are informational snapshots at the moment of the event. Fields may be added
 * inside v1; none is removed or retyped. Times are ISO 8601 in UTC.
 */

export type AgentStatusData = 'online' | 'away' | 'offline';

export interface AgentRegisteredData {
  readonly agentId: string;
  readonly name: string | null;
  /** Consultations the agent may hold at once, ≥ 0. */
  readonly capacity: number;
  readonly groups: readonly string[];
  readonly skills: readonly string[];
  /** > 0; weighted routing prefers heavier agents. */
  readonly weight: number;
  /** Always `offline` on registration. */
  readonly status: AgentStatusData;
  readonly at: string;
}

export interface AgentStatusChangedData {
  readonly agentId: string;
  readonly status: AgentStatusData;
  readonly previousStatus: AgentStatusData;
  /** Consultations held at the change. */
  readonly held: readonly string[];
  readonly at: string;
}

export interface AgentCapacityChangedData {
  readonly agentId: string;
  readonly capacity: number;
  readonly previousCapacity: number;
  readonly load: number;
  readonly at: string;
}

export interface AgentGroupsChangedData {
  readonly agentId: string;
  readonly groups: readonly string[];
  readonly at: string;
}

export interface AgentSkillsChangedData {
  readonly agentId: string;
  readonly skills: readonly string[];
  readonly at: string;
}

export interface AgentWeightChangedData {
  readonly agentId: string;
  readonly weight: number;
  readonly at: string;
}

export interface AgentConsultationTakenData {
  readonly agentId: string;
  readonly consultationId: string;
  /** Load after taking it. */
  readonly load: number;
  readonly capacity: number;
  readonly at: string;
}

export interface AgentConsultationReleasedData {
  readonly agentId: string;
  readonly consultationId: string;
  /** Load after releasing it. */
  readonly load: number;
  /** `resolved`, `closed`, `requeued`, `transferred`...; null when not given. */
  readonly reason: string | null;
  readonly at: string;
}

/** `type` → `data` of every v1 message on `agent.events.v1`. */
export interface AgentEventsV1 {
  readonly AgentRegistered: AgentRegisteredData;
  readonly AgentStatusChanged: AgentStatusChangedData;
  readonly AgentCapacityChanged: AgentCapacityChangedData;
  readonly AgentGroupsChanged: AgentGroupsChangedData;
  readonly AgentSkillsChanged: AgentSkillsChangedData;
  readonly AgentWeightChanged: AgentWeightChangedData;
  readonly AgentConsultationTaken: AgentConsultationTakenData;
  readonly AgentConsultationReleased: AgentConsultationReleasedData;
}

export const AGENT_EVENT_TYPES = Object.freeze([
  'AgentRegistered',
  'AgentStatusChanged',
  'AgentCapacityChanged',
  'AgentGroupsChanged',
  'AgentSkillsChanged',
  'AgentWeightChanged',
  'AgentConsultationTaken',
  'AgentConsultationReleased',
] as const satisfies readonly (keyof AgentEventsV1)[]);
