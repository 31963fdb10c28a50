import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertNever, type CommandMetadata } from '@switchboard/es-core';
import { type AgentCommand } from '../../domain';
import { agentForbidden } from '../command-context/access.errors';
import { AgentCommandRunner } from '../command-context/agent-command.runner';
import { type AgentView, toAgentView } from '../consultations-view/agent.view';
import { type AgentChange, UpdateAgentCommand } from './update-agent.command';

/**
 * Status: the agent themself, or a supervisor/admin. Everything else: supervisor/admin only
 * (the route's roles). An unchanged value appends nothing and answers the current agent.
 */
@CommandHandler(UpdateAgentCommand)
export class UpdateAgentHandler implements ICommandHandler<UpdateAgentCommand> {
  constructor(private readonly agents: AgentCommandRunner) {}

  async execute({ context, agentId, change }: UpdateAgentCommand): Promise<AgentView> {
    const { actor } = context;
    if (actor.role === 'agent' && actor.userId !== agentId) {
      throw agentForbidden('Agents may change only their own status');
    }
    const state = await this.agents.run(agentId, context, change.kind, (metadata) =>
      toAgentCommand(change, metadata),
    );
    return toAgentView(state);
  }
}

function toAgentCommand(change: AgentChange, metadata: CommandMetadata): AgentCommand {
  switch (change.kind) {
    case 'status':
      return { type: 'setStatus', data: { status: change.status }, metadata };
    case 'capacity':
      return { type: 'setCapacity', data: { capacity: change.capacity }, metadata };
    case 'groups':
      return { type: 'setGroups', data: { groups: change.groups }, metadata };
    case 'skills':
      return { type: 'setSkills', data: { skills: change.skills }, metadata };
    case 'weight':
      return { type: 'setWeight', data: { weight: change.weight }, metadata };
    default:
      return assertNever(change);
  }
}
