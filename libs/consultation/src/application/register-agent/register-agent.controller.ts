import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { AgentView } from '../consultations-view/agent.view';
import { RegisterAgentCommand } from './register-agent.command';
import { RegisterAgentBody } from './register-agent.dto';

@ApiTags('agents')
@Controller('v1/agents')
export class RegisterAgentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Register an agent (starts offline)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: AgentView })
  @ApiErrors(400, 403, 409)
  register(
    @CallerContext() context: RequestContext,
    @Body() body: RegisterAgentBody,
  ): Promise<AgentView> {
    return this.commands.execute(new RegisterAgentCommand(context, body));
  }
}
