import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgentCommandRunner } from '../command-context/agent-command.runner';
import { type AgentView, toAgentView } from '../consultations-view/agent.view';
import { RegisterAgentCommand } from './register-agent.command';

/** Registers an agent, offline; AGENT_ALREADY_REGISTERED (409) the second time. */
@CommandHandler(RegisterAgentCommand)
export class RegisterAgentHandler implements ICommandHandler<RegisterAgentCommand> {
  constructor(private readonly agents: AgentCommandRunner) {}

  async execute({ context, body }: RegisterAgentCommand): Promise<AgentView> {
    const state = await this.agents.run(body.agentId, context, 'register', (metadata) => ({
      type: 'register',
      data: {
        agentId: body.agentId,
        ...(body.name === undefined ? {} : { name: body.name }),
        capacity: body.capacity,
        groups: body.groups,
        skills: body.skills,
        weight: body.weight,
      },
      metadata,
    }));
    return toAgentView(state);
  }
}
