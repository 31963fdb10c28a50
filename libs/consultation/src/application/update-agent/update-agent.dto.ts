import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AGENT_STATUSES, type AgentStatus } from '../../domain';
import { IsCapacity, IsNames, IsWeight } from '../register-agent/register-agent.dto';

export class AgentStatusBody {
  @ApiProperty({ enum: AGENT_STATUSES, example: 'online' })
  @IsIn(AGENT_STATUSES)
  readonly status!: AgentStatus;
}

export class AgentCapacityBody {
  @ApiProperty({ minimum: 0, maximum: 1000, example: 5 })
  @IsCapacity()
  readonly capacity!: number;
}

export class AgentGroupsBody {
  @ApiProperty({ type: [String], example: ['vip', 'billing'] })
  @IsNames()
  readonly groups!: string[];
}

export class AgentSkillsBody {
  @ApiProperty({ type: [String], example: ['refunds'] })
  @IsNames()
  readonly skills!: string[];
}

export class AgentWeightBody {
  @ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: 1000, example: 2 })
  @IsWeight()
  readonly weight!: number;
}
