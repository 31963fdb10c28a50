import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type AgentView, toAgentView } from '../consultations-view/agent.view';
import { ConsultationsProjection } from '../consultations-view/consultations.projection';
import { ListAgentsQuery } from './list-agents.query';

@QueryHandler(ListAgentsQuery)
export class ListAgentsHandler implements IQueryHandler<ListAgentsQuery> {
  constructor(private readonly view: ConsultationsProjection) {}

  async execute(): Promise<AgentView[]> {
    return this.view.listAgents().map(toAgentView);
  }
}
