import { type DomainEvent } from '@switchboard/es-core';

/**
 * Events of the agent aggregate (stream `agent-<id>`), shaped for `agent.events.v1`. `load` and
 * `held` in the data are informational snapshots for consumers; the aggregate itself derives its
 * load from the taken/released events, never from these numbers.
 */

export type AgentStatus = 'online' | 'away' | 'offline';

export type AgentRegistered = DomainEvent<
  'AgentRegistered',
  {
    readonly agentId: string;
    readonly name: string | null;
    readonly capacity: number;
    readonly groups: readonly string[];
    readonly skills: readonly string[];
    readonly weight: number;
    /** Always `offline`: an agent comes online with `setStatus`. */
    readonly status: AgentStatus;
    readonly at: string;
  }
>;

export type AgentStatusChanged = DomainEvent<
  'AgentStatusChanged',
  {
    readonly agentId: string;
    readonly status: AgentStatus;
    readonly previousStatus: AgentStatus;
    /** Consultations held at the change: going offline, their unaccepted ones get requeued. */
    readonly held: readonly string[];
    readonly at: string;
  }
>;

export type AgentCapacityChanged = DomainEvent<
  'AgentCapacityChanged',
  {
    readonly agentId: string;
    readonly capacity: number;
    readonly previousCapacity: number;
    readonly load: number;
    readonly at: string;
  }
>;

export type AgentGroupsChanged = DomainEvent<
  'AgentGroupsChanged',
  { readonly agentId: string; readonly groups: readonly string[]; readonly at: string }
>;

export type AgentSkillsChanged = DomainEvent<
  'AgentSkillsChanged',
  { readonly agentId: string; readonly skills: readonly string[]; readonly at: string }
>;

export type AgentWeightChanged = DomainEvent<
  'AgentWeightChanged',
  { readonly agentId: string; readonly weight: number; readonly at: string }
>;

export type AgentConsultationTaken = DomainEvent<
  'AgentConsultationTaken',
  {
    readonly agentId: string;
    readonly consultationId: string;
    /** Load after taking it. */
    readonly load: number;
    readonly capacity: number;
    readonly at: string;
  }
>;

/**
 * Several consultations taken by one routing drain, stored as ONE event (D47): the same as one
 * `AgentConsultationTaken` per id, in order, each decided on the state the previous left; `load`
 * is the load after the last. Stored only: `agent.events.v1` carries it as one
 * `AgentConsultationTaken` per consultation (see `agentMessage`).
 */
export type AgentConsultationsTaken = DomainEvent<
  'AgentConsultationsTaken',
  {
    readonly agentId: string;
    readonly consultationIds: readonly string[];
    /** Load after taking the last of them. */
    readonly load: number;
    readonly capacity: number;
    readonly at: string;
  }
>;

export type AgentConsultationReleased = DomainEvent<
  'AgentConsultationReleased',
  {
    readonly agentId: string;
    readonly consultationId: string;
    /** Load after releasing it. */
    readonly load: number;
    /** Why, e.g. `resolved`, `closed`, `requeued`, `transferred`; null when not given. */
    readonly reason: string | null;
    readonly at: string;
  }
>;

export type AgentEvent =
  | AgentRegistered
  | AgentStatusChanged
  | AgentCapacityChanged
  | AgentGroupsChanged
  | AgentSkillsChanged
  | AgentWeightChanged
  | AgentConsultationTaken
  | AgentConsultationsTaken
  | AgentConsultationReleased;
