import { Injectable, Logger } from '@nestjs/common';
import { AgentCommandRunner } from './agent-command.runner';
import { type RequestContext } from '@switchboard/platform';

/**
 * A manual assignment or a transfer to an agent follows routing's order (agent.decider.ts):
 * claim a slot on the agent stream first (refused when offline or at capacity), then write the
 * consultation; if that write fails, give the slot back.
 */
@Injectable()
export class AgentCapacity {
  private readonly logger = new Logger(AgentCapacity.name);

  constructor(private readonly agents: AgentCommandRunner) {}

  async withSlot<T>(
    agentId: string,
    consultationId: string,
    context: RequestContext,
    scope: string,
    write: () => Promise<T>,
  ): Promise<T> {
    await this.agents.run(agentId, context, `${scope}/take/${consultationId}`, (metadata) => ({
      type: 'takeConsultation',
      data: { consultationId },
      metadata,
    }));
    try {
      return await write();
    } catch (error) {
      await this.agents
        .run(agentId, context, `${scope}/release/${consultationId}`, (metadata) => ({
          type: 'releaseConsultation',
          data: { consultationId, reason: 'assignment_failed' },
          metadata,
        }))
        .catch((releaseError: unknown) =>
          this.logger.error(
            { err: releaseError, agentId, consultationId },
            'Could not give back the slot of a failed assignment',
          ),
        );
      throw error;
    }
  }
}
