import { Command } from '@nestjs/cqrs';
import { type AgentStatus } from '../../domain';
import { type RequestContext } from '@switchboard/platform';
import { type AgentView } from '../consultations-view/agent.view';

export type AgentChange =
  | { readonly kind: 'status'; readonly status: AgentStatus }
  | { readonly kind: 'capacity'; readonly capacity: number }
  | { readonly kind: 'groups'; readonly groups: readonly string[] }
  | { readonly kind: 'skills'; readonly skills: readonly string[] }
  | { readonly kind: 'weight'; readonly weight: number };

export class UpdateAgentCommand extends Command<AgentView> {
  constructor(
    readonly context: RequestContext,
    readonly agentId: string,
    readonly change: AgentChange,
  ) {
    super();
  }
}
