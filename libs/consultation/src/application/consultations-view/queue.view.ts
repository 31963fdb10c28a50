import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type QueueState } from '@switchboard/routing';

export class QueueEntryView {
  @ApiProperty({ format: 'uuid' }) readonly consultationId!: string;
  @ApiProperty({ description: '1 = next to be served' }) readonly position!: number;
  @ApiProperty({ format: 'date-time' }) readonly waitingSince!: string;
  @ApiProperty() readonly domain!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) readonly group?: string | null;
}

export class QueueView {
  @ApiProperty({ example: 'group:vip', description: '`group:<g>` or `domain:<d>`' })
  readonly key!: string;
  @ApiProperty({ type: [QueueEntryView] }) readonly waiting!: QueueEntryView[];
}

export function toQueueView(key: string, state: QueueState): QueueView {
  return {
    key,
    waiting: state.entries.map((entry, index) => ({
      consultationId: entry.consultationId,
      position: index + 1,
      waitingSince: entry.at,
      domain: entry.domain,
      group: entry.group ?? null,
    })),
  };
}
