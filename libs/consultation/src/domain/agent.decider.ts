/*
 * Race-freedom, for the routing code built on this aggregate:
 * - The agent stream is the single writer of that agent's capacity. `takeConsultation` is decided
 *   on the folded stream and appended with the revision it read, so two routers claiming the
 *   agent's last free slot at once cannot both win: the loser's append fails, it re-reads, and
 *   the retried decision rejects with AGENT_AT_CAPACITY. Load is the set of held consultation
 *   ids, so a redelivered take or release changes nothing.
 * - The consultation stream's `assign` is appended the same way, so a consultation is never
 *   assigned twice (the loser gets CONSULTATION_ALREADY_ASSIGNED).
 * - Where the store can append several streams in one transaction (SQLite, D40), the router
 *   writes the take and the assignment together, each at its expected revision: all or nothing.
 *   Otherwise the two streams are not one transaction: route by taking capacity on the agent
 *   first, then assigning the consultation; if the assign loses, release the agent's slot
 *   (compensation).
 */
import { assertNever, type Decider, isoTime } from '@switchboard/es-core';
import { type AgentCommand } from './agent.commands';
import { type AgentEvent } from './agent.events';
import {
  AgentErrorCode as Code,
  agentStateError,
  notRegistered,
  optionalName,
  validCapacity,
  validId,
  validNames,
  validStatus,
  validWeight,
} from './agent.errors';
import { type AgentState, evolveAgent, initialAgentState } from './agent.state';

export type AgentDecider = Decider<AgentCommand, AgentEvent, AgentState>;

const sameNames = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name) => b.includes(name));

function decideAgent(command: AgentCommand, state: AgentState): AgentEvent[] {
  const at = isoTime(command.metadata.now);
  if (command.type === 'register') {
    if (state.status !== 'unregistered') {
      throw agentStateError(Code.AlreadyRegistered, 'The agent is already registered', {
        agentId: state.agentId,
      });
    }
    const d = command.data;
    return [
      {
        type: 'AgentRegistered',
        version: 1,
        data: {
          agentId: validId('agentId', d.agentId),
          name: optionalName(d.name),
          capacity: validCapacity(d.capacity),
          groups: validNames('groups', d.groups),
          skills: validNames('skills', d.skills),
          weight: validWeight(d.weight),
          status: 'offline',
          at,
        },
      },
    ];
  }
  if (state.status === 'unregistered') throw notRegistered(command.type);
  const { agentId } = state;
  switch (command.type) {
    case 'setStatus': {
      const status = validStatus(command.data.status);
      if (status === state.status) return [];
      const data = { agentId, status, previousStatus: state.status, held: state.held, at };
      return [{ type: 'AgentStatusChanged', version: 1, data }];
    }
    case 'setCapacity': {
      const capacity = validCapacity(command.data.capacity);
      if (capacity === state.capacity) return [];
      // Lowering below the current load is allowed: nothing is taken away, new takes wait.
      const data = {
        agentId,
        capacity,
        previousCapacity: state.capacity,
        load: state.held.length,
        at,
      };
      return [{ type: 'AgentCapacityChanged', version: 1, data }];
    }
    case 'setGroups': {
      const groups = validNames('groups', command.data.groups);
      if (sameNames(groups, state.groups)) return [];
      return [{ type: 'AgentGroupsChanged', version: 1, data: { agentId, groups, at } }];
    }
    case 'setSkills': {
      const skills = validNames('skills', command.data.skills);
      if (sameNames(skills, state.skills)) return [];
      return [{ type: 'AgentSkillsChanged', version: 1, data: { agentId, skills, at } }];
    }
    case 'setWeight': {
      const weight = validWeight(command.data.weight);
      if (weight === state.weight) return [];
      return [{ type: 'AgentWeightChanged', version: 1, data: { agentId, weight, at } }];
    }
    case 'takeConsultation': {
      const consultationId = validId('consultationId', command.data.consultationId);
      if (state.held.includes(consultationId)) return [];
      if (state.status !== 'online') {
        throw agentStateError(Code.NotOnline, `The agent is ${state.status}`, {
          agentId,
          status: state.status,
        });
      }
      const load = state.held.length;
      if (load >= state.capacity) {
        throw agentStateError(Code.AtCapacity, 'The agent is at capacity', {
          agentId,
          load,
          capacity: state.capacity,
        });
      }
      const data = { agentId, consultationId, load: load + 1, capacity: state.capacity, at };
      return [{ type: 'AgentConsultationTaken', version: 1, data }];
    }
    case 'releaseConsultation': {
      const consultationId = validId('consultationId', command.data.consultationId);
      if (!state.held.includes(consultationId)) return [];
      const reason =
        command.data.reason === undefined ? null : validId('reason', command.data.reason);
      const data = { agentId, consultationId, load: state.held.length - 1, reason, at };
      return [{ type: 'AgentConsultationReleased', version: 1, data }];
    }
    default:
      return assertNever(command);
  }
}

/** The agent aggregate (stream `agent-<id>`): status, capacity, groups, skills, weight, load. */
export const agentDecider: AgentDecider = {
  initialState: initialAgentState,
  evolve: evolveAgent,
  decide: decideAgent,
};
