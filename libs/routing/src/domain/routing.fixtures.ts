import { type AgentSnapshot, type RoutableConsultation } from './routing.types';

/** Test builders: an online agent with room, and a consultation in the `travel` domain. */
export function agent(agentId: string, overrides: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return {
    agentId,
    status: 'online',
    capacity: 3,
    load: 0,
    weight: 1,
    groups: [],
    skills: [],
    ...overrides,
  };
}

export function consultation(
  consultationId = 'c-1',
  overrides: Partial<RoutableConsultation> = {},
): RoutableConsultation {
  return { consultationId, domain: 'travel', ...overrides };
}
