import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { AgentIdParams } from '../command-context/id-params.dto';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { AgentView } from '../consultations-view/agent.view';
import { type AgentChange, UpdateAgentCommand } from './update-agent.command';
import {
  AgentCapacityBody,
  AgentGroupsBody,
  AgentSkillsBody,
  AgentStatusBody,
  AgentWeightBody,
} from './update-agent.dto';

@ApiTags('agents')
@Controller('v1/agents')
export class UpdateAgentController {
  constructor(private readonly commands: CommandBus) {}

  private update(context: RequestContext, agentId: string, change: AgentChange) {
    return this.commands.execute(new UpdateAgentCommand(context, agentId, change));
  }

  @Put(':id/status')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: "Set an agent's status (online, away, offline)",
    description: 'Agents: their own only. Going online or freeing capacity lets the queue drain.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AgentView })
  @ApiErrors(400, 403, 404)
  status(
    @CallerContext() context: RequestContext,
    @Param() params: AgentIdParams,
    @Body() body: AgentStatusBody,
  ): Promise<AgentView> {
    return this.update(context, params.id, { kind: 'status', status: body.status });
  }

  @Put(':id/capacity')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Set an agent's capacity (may go below the current load)" })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AgentView })
  @ApiErrors(400, 403, 404)
  capacity(
    @CallerContext() context: RequestContext,
    @Param() params: AgentIdParams,
    @Body() body: AgentCapacityBody,
  ): Promise<AgentView> {
    return this.update(context, params.id, { kind: 'capacity', capacity: body.capacity });
  }

  @Put(':id/groups')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Replace an agent's groups" })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AgentView })
  @ApiErrors(400, 403, 404)
  groups(
    @CallerContext() context: RequestContext,
    @Param() params: AgentIdParams,
    @Body() body: AgentGroupsBody,
  ): Promise<AgentView> {
    return this.update(context, params.id, { kind: 'groups', groups: body.groups });
  }

  @Put(':id/skills')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Replace an agent's skills" })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AgentView })
  @ApiErrors(400, 403, 404)
  skills(
    @CallerContext() context: RequestContext,
    @Param() params: AgentIdParams,
    @Body() body: AgentSkillsBody,
  ): Promise<AgentView> {
    return this.update(context, params.id, { kind: 'skills', skills: body.skills });
  }

  @Put(':id/weight')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Set an agent's weight for weighted routing" })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AgentView })
  @ApiErrors(400, 403, 404)
  weight(
    @CallerContext() context: RequestContext,
    @Param() params: AgentIdParams,
    @Body() body: AgentWeightBody,
  ): Promise<AgentView> {
    return this.update(context, params.id, { kind: 'weight', weight: body.weight });
  }
}
