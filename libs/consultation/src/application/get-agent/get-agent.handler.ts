import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AgentCommandRunner } from '../command-context/agent-command.runner';
import { type AgentView, toAgentView } from '../consultations-view/agent.view';
import { GetAgentQuery } from './get-agent.query';

/** Folds the agent's stream: load is what the events say right now. */
@QueryHandler(GetAgentQuery)
export class GetAgentHandler implements IQueryHandler<GetAgentQuery> {
  constructor(private readonly agents: AgentCommandRunner) {}

  async execute({ agentId }: GetAgentQuery): Promise<AgentView> {
    return toAgentView(await this.agents.load(agentId));
  }
}
