import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type AgentView } from '../consultations-view/agent.view';
import { type RegisterAgentBody } from './register-agent.dto';

export class RegisterAgentCommand extends Command<AgentView> {
  constructor(
    readonly context: RequestContext,
    readonly body: RegisterAgentBody,
  ) {
    super();
  }
}
