import type { AgentEventsV1 } from './agent-events.contract';
import type { ContractDefinition } from './contract.registry';
import {
  count,
  dateTime,
  id,
  nullableText,
  object,
  oneOfValues,
  stringList,
} from './json-schema.fragments';
import { TOPICS } from './topics.contract';

const agentId = id;
const status = oneOfValues(['online', 'away', 'offline']);
const weight = { type: 'number', exclusiveMinimum: 0 };

/** `data` schema of every v1 type on `agent.events.v1`. */
const SCHEMAS: { readonly [T in keyof AgentEventsV1]: readonly [string, object] } = {
  AgentRegistered: [
    'An agent was registered (offline until they set a status).',
    object({
      agentId,
      name: nullableText,
      capacity: count,
      groups: stringList,
      skills: stringList,
      weight,
      status,
      at: dateTime,
    }),
  ],
  AgentStatusChanged: [
    'Online, away or offline; `held` lists the consultations held at the change.',
    object({ agentId, status, previousStatus: status, held: stringList, at: dateTime }),
  ],
  AgentCapacityChanged: [
    'How many consultations the agent may hold at once.',
    object({ agentId, capacity: count, previousCapacity: count, load: count, at: dateTime }),
  ],
  AgentGroupsChanged: [
    'The groups the agent serves.',
    object({ agentId, groups: stringList, at: dateTime }),
  ],
  AgentSkillsChanged: [
    "The agent's skills.",
    object({ agentId, skills: stringList, at: dateTime }),
  ],
  AgentWeightChanged: ['The routing weight.', object({ agentId, weight, at: dateTime })],
  AgentConsultationTaken: [
    'The agent took a consultation; `load` is after taking it.',
    object({ agentId, consultationId: id, load: count, capacity: count, at: dateTime }),
  ],
  AgentConsultationReleased: [
    'The agent released a consultation; `load` is after releasing it.',
    object({ agentId, consultationId: id, load: count, reason: nullableText, at: dateTime }),
  ],
};

/** The v1 contracts of `agent.events.v1`. */
export const AGENT_EVENT_CONTRACTS: readonly ContractDefinition[] = Object.freeze(
  Object.entries(SCHEMAS).map(([type, [description, dataSchema]]) => ({
    topic: TOPICS.agentEvents,
    type,
    version: 1,
    description,
    dataSchema: dataSchema as ContractDefinition['dataSchema'],
  })),
);
