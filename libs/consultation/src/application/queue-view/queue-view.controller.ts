import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '@switchboard/platform';
import { Length, Matches } from 'class-validator';
import { ApiErrors } from '@switchboard/platform';
import { QueueView } from '../consultations-view/queue.view';
import { QueueViewQuery } from './queue-view.query';

export class QueueKeyParams {
  @ApiProperty({ example: 'group:vip', description: '`group:<group>` or `domain:<domain>`' })
  @Length(1, 80)
  @Matches(/^(group|domain):[A-Za-z0-9._:-]+$/, {
    message: 'key must be group:<group> or domain:<domain>',
  })
  readonly key!: string;
}

@ApiTags('queues')
@Controller('v1/queues')
@Roles(...STAFF_ROLES)
export class QueueViewController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every queue with its waiting consultations, head first' })
  @ApiOkResponse({ type: [QueueView] })
  @ApiErrors(403)
  list(): Promise<QueueView[]> {
    return this.queries.execute(new QueueViewQuery());
  }

  @Get(':key')
  @ApiOperation({ summary: 'One queue by routing key' })
  @ApiOkResponse({ type: QueueView })
  @ApiErrors(400, 403, 404)
  async get(@Param() params: QueueKeyParams): Promise<QueueView> {
    const [queue] = await this.queries.execute(new QueueViewQuery(params.key));
    return queue;
  }
}
