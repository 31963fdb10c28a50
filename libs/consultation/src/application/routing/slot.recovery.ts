import { AGENT_STREAM_OPTIONS } from '../command-context/agent-stream';
import { type Command, handleCommand } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import {
  type AgentCommand,
  agentDecider,
  agentStream,
  type ConsultationDecider,
  type ConsultationState,
  consultationStream,
} from '../../domain';
import { type AgentDirectory } from '../agents-view/agent-directory';
import { describeError, type RuntimeLogger } from '../process-managers/runtime.logger';

export interface SlotRecoveryDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly decider: ConsultationDecider;
  readonly directory: AgentDirectory;
  readonly logger: RuntimeLogger;
}

/** Reason recorded on a slot released by the recovery. */
export const ORPHANED_SLOT_REASON = 'orphaned_take';

/**
 * Gives back slots a crash left behind. A drain takes the agent's slot, then assigns the
 * consultation: a process that dies in between leaves an agent holding a consultation that
 * was never assigned to it, and no consultation event will ever release it (the capacity
 * process manager only reacts to assignments, requeues, resolves and closes naming that
 * agent). Run when the router starts, after the directory caught up and before any drain of
 * this process: every held consultation not assigned to its holder is released, and the
 * consultation, still pending, is routed again like any other.
 *
 * Assumes no other router process is between a take and an assign at that moment (one router
 * per queue; DESIGN rule 3); the command id derives from the agent's revision, so two
 * recoveries of one state release once.
 */
export async function recoverOrphanedSlots(deps: SlotRecoveryDeps): Promise<number> {
  let released = 0;
  for (const { agent, revision } of deps.directory.list()) {
    for (const consultationId of agent.held) {
      const state = await consultationState(deps, consultationId);
      if (state.status === 'assigned' && state.assignedAgentId === agent.agentId) continue;
      const command: AgentCommand = {
        type: 'releaseConsultation',
        data: { consultationId, reason: ORPHANED_SLOT_REASON },
        metadata: metadata(deps, `recover-slot:${agent.agentId}:${consultationId}:${revision}`),
      };
      try {
        const result = await handleCommand(
          deps.store,
          agentStream(agent.agentId),
          agentDecider,
          command,
          AGENT_STREAM_OPTIONS,
        );
        deps.directory.observe(agent.agentId, result.state, result.revision);
        if (result.events.length > 0) released++;
      } catch (error) {
        deps.logger.error(
          `release orphaned ${consultationId} on ${agent.agentId}: ${describeError(error)}`,
        );
      }
    }
  }
  if (released > 0) deps.logger.warn(`released ${released} slot(s) taken but never assigned`);
  return released;
}

async function consultationState(
  { store, decider }: SlotRecoveryDeps,
  consultationId: string,
): Promise<ConsultationState> {
  const history = await store.readStream(consultationStream(consultationId));
  return history.reduce(
    (state, e) => decider.evolve(state, { type: e.type, version: 1, data: e.data } as never),
    decider.initialState,
  );
}

function metadata({ clock }: SlotRecoveryDeps, commandId: string): Command['metadata'] {
  return { commandId, now: clock.now(), causationId: commandId };
}
