import { type Command, type Decider, isDomainError } from '@switchboard/es-core';
import { agentDecider, type AgentEvent, type AgentState } from '../../domain';

/**
 * A drain's takes on one agent as ONE append to the agent stream, each decided by
 * `agentDecider` on the state the previous ones left: capacity is still checked per take, and
 * a take the agent refuses (at capacity, not online) is simply left out. The caller reads the
 * outcome from the resulting state's `held`.
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
    return events;
  },
};
