import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { AgentIdParams } from '../command-context/id-params.dto';
import { AgentView } from '../consultations-view/agent.view';
import { GetAgentQuery } from './get-agent.query';

@ApiTags('agents')
@Controller('v1/agents')
export class GetAgentController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'One agent with its current load' })
  @ApiOkResponse({ type: AgentView })
  @ApiErrors(400, 403, 404)
  get(@Param() params: AgentIdParams): Promise<AgentView> {
    return this.queries.execute(new GetAgentQuery(params.id));
  }
}
