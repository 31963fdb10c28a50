import { type Command } from '@switchboard/es-core';
import { type AgentStatus } from './agent.events';

export type RegisterAgent = Command<
  'register',
  {
    readonly agentId: string;
    readonly name?: string;
    /** Maximum concurrent consultations; 0 means the agent takes none. */
    readonly capacity: number;
    readonly groups: readonly string[];
    readonly skills: readonly string[];
    /** Share in weighted routing; > 0. */
    readonly weight: number;
  }
>;

export type SetAgentStatus = Command<'setStatus', { readonly status: AgentStatus }>;
export type SetAgentCapacity = Command<'setCapacity', { readonly capacity: number }>;
export type SetAgentGroups = Command<'setGroups', { readonly groups: readonly string[] }>;
export type SetAgentSkills = Command<'setSkills', { readonly skills: readonly string[] }>;
export type SetAgentWeight = Command<'setWeight', { readonly weight: number }>;

/** Routing's capacity claim; appended with expected revision (see agent.decider.ts). */
export type TakeConsultation = Command<'takeConsultation', { readonly consultationId: string }>;

export type ReleaseConsultation = Command<
  'releaseConsultation',
  { readonly consultationId: string; readonly reason?: string }
>;

export type AgentCommand =
  | RegisterAgent
  | SetAgentStatus
  | SetAgentCapacity
  | SetAgentGroups
  | SetAgentSkills
  | SetAgentWeight
  | TakeConsultation
  | ReleaseConsultation;

export type AgentCommandType = AgentCommand['type'];

const commandTypes: Record<AgentCommandType, true> = {
  register: true,
  setStatus: true,
  setCapacity: true,
  setGroups: true,
  setSkills: true,
  setWeight: true,
  takeConsultation: true,
  releaseConsultation: true,
};

/** Every command type, checked against the union at compile time (tests iterate it). */
export const AGENT_COMMAND_TYPES = Object.keys(commandTypes) as AgentCommandType[];
