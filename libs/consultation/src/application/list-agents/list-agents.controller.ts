import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { AgentView } from '../consultations-view/agent.view';
import { ListAgentsQuery } from './list-agents.query';

@ApiTags('agents')
@Controller('v1/agents')
export class ListAgentsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Every registered agent, by id (from the read model)' })
  @ApiOkResponse({ type: [AgentView] })
  @ApiErrors(403)
  list(): Promise<AgentView[]> {
    return this.queries.execute(new ListAgentsQuery());
  }
}
