import { ApiProperty } from '@nestjs/swagger';
import { type RegisteredAgent } from '../../domain';

export class AgentView {
  @ApiProperty({ example: 'agent-1' }) readonly agentId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly name!: string | null;
  @ApiProperty({ enum: ['online', 'away', 'offline'] }) readonly status!: string;
  @ApiProperty({ description: 'Maximum concurrent consultations' }) readonly capacity!: number;
  @ApiProperty({ description: 'Consultations held now (derived from events)' })
  readonly load!: number;
  @ApiProperty({ type: [String] }) readonly held!: readonly string[];
  @ApiProperty({ type: [String] }) readonly groups!: readonly string[];
  @ApiProperty({ type: [String] }) readonly skills!: readonly string[];
  @ApiProperty() readonly weight!: number;
  @ApiProperty({ format: 'date-time' }) readonly registeredAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly statusSince!: string;
}

export function toAgentView(a: RegisteredAgent): AgentView {
  return {
    agentId: a.agentId,
    name: a.name,
    status: a.status,
    capacity: a.capacity,
    load: a.held.length,
    held: a.held,
    groups: a.groups,
    skills: a.skills,
    weight: a.weight,
    registeredAt: a.registeredAt,
    statusSince: a.statusSince,
  };
}
