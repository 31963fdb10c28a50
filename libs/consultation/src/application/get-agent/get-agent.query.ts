import { Query } from '@nestjs/cqrs';
import { type AgentView } from '../consultations-view/agent.view';

export class GetAgentQuery extends Query<AgentView> {
  constructor(readonly agentId: string) {
    super();
  }
}
