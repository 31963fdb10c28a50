import { Query } from '@nestjs/cqrs';
import { type AgentView } from '../consultations-view/agent.view';

export class ListAgentsQuery extends Query<AgentView[]> {}
