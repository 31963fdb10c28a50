import { type Command, type Decider, isDomainError } from '@switchboard/es-core';
import {
  type AgentConsultationTaken,
  agentDecider,
  type AgentEvent,
  type AgentState,
} from '../../domain';

/**
 * A drain's takes on one agent as ONE append to the agent stream, each decided by
 * `agentDecider` on the state the previous ones left: capacity is still checked per take, and
 * a take the agent refuses (at capacity, not online) is simply left out. Two or more takes are
 * stored as one `AgentConsultationsTaken` (D47: a burst's drain wrote one row per take). The
 * caller reads the outcome from the resulting state's `held`.
 */
export type TakeMany = Command<'takeMany', { readonly consultationIds: readonly string[] }>;

export const agentBatchDecider: Decider<TakeMany, AgentEvent, AgentState> = {
  initialState: agentDecider.initialState,
  evolve: agentDecider.evolve,
  decide(command, state) {
    const events: AgentEvent[] = [];
    let current = state;
    for (const consultationId of command.data.consultationIds) {
      try {
        const produced = agentDecider.decide(
          { type: 'takeConsultation', data: { consultationId }, metadata: command.metadata },
          current,
        );
        for (const event of produced) {
          events.push(event);
          current = agentDecider.evolve(current, event);
        }
      } catch (error) {
        if (!isDomainError(error)) throw error;
      }
    }
    return mergeTakes(events);
  },
};

/** The takes (all `AgentConsultationTaken`, in order) as one event when there are several. */
function mergeTakes(events: AgentEvent[]): AgentEvent[] {
  if (events.length < 2) return events;
  const ids: string[] = [];
  for (const event of events) {
    if (event.type !== 'AgentConsultationTaken') return events;
    ids.push(event.data.consultationId);
  }
  const { agentId, load, capacity, at } = (events.at(-1) as AgentConsultationTaken).data;
  const data = { agentId, consultationIds: ids, load, capacity, at };
  return [{ type: 'AgentConsultationsTaken', version: 1, data }];
}
