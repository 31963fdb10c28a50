import { assertNever } from '@switchboard/es-core';
import { type AgentEvent, type AgentStatus } from './agent.events';

export interface UnregisteredAgent {
  readonly status: 'unregistered';
}

export interface RegisteredAgent {
  readonly status: AgentStatus;
  readonly agentId: string;
  readonly name: string | null;
  readonly capacity: number;
  readonly groups: readonly string[];
  readonly skills: readonly string[];
  readonly weight: number;
  /** Consultation ids held, in the order taken: the load is its length, never a counter. */
  readonly held: readonly string[];
  readonly registeredAt: string;
  readonly statusSince: string;
}

export type AgentState = UnregisteredAgent | RegisteredAgent;

export const initialAgentState: AgentState = { status: 'unregistered' };

/** Current load, derived from the consultations held. */
export function agentLoad(state: AgentState): number {
  return state.status === 'unregistered' ? 0 : state.held.length;
}

/**
 * The consultations an event took, in order, each with the agent's load right after it: one
 * for an `AgentConsultationTaken`, several for a drain's `AgentConsultationsTaken`, none else.
 */
export function takesOf(event: AgentEvent): { consultationId: string; load: number }[] {
  if (event.type === 'AgentConsultationTaken') {
    return [{ consultationId: event.data.consultationId, load: event.data.load }];
  }
  if (event.type !== 'AgentConsultationsTaken') return [];
  const { consultationIds, load } = event.data;
  const first = load - consultationIds.length + 1;
  return consultationIds.map((consultationId, i) => ({ consultationId, load: first + i }));
}

/** Whether routing may offer this agent one more consultation now. */
export function hasFreeCapacity(state: AgentState): boolean {
  return state.status === 'online' && state.held.length < state.capacity;
}

export function evolveAgent(state: AgentState, event: AgentEvent): AgentState {
  if (event.type === 'AgentRegistered') {
    const d = event.data;
    return {
      status: d.status,
      agentId: d.agentId,
      name: d.name,
      capacity: d.capacity,
      groups: d.groups,
      skills: d.skills,
      weight: d.weight,
      held: [],
      registeredAt: d.at,
      statusSince: d.at,
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'AgentStatusChanged':
      return { ...state, status: event.data.status, statusSince: event.data.at };
    case 'AgentCapacityChanged':
      return { ...state, capacity: event.data.capacity };
    case 'AgentGroupsChanged':
      return { ...state, groups: event.data.groups };
    case 'AgentSkillsChanged':
      return { ...state, skills: event.data.skills };
    case 'AgentWeightChanged':
      return { ...state, weight: event.data.weight };
    case 'AgentConsultationTaken':
      return state.held.includes(event.data.consultationId)
        ? state
        : { ...state, held: [...state.held, event.data.consultationId] };
    case 'AgentConsultationsTaken': {
      const taken = event.data.consultationIds.filter((id) => !state.held.includes(id));
      return taken.length === 0 ? state : { ...state, held: [...state.held, ...taken] };
    }
    case 'AgentConsultationReleased':
      return { ...state, held: state.held.filter((id) => id !== event.data.consultationId) };
    default:
      return assertNever(event);
  }
}
