import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type OpenedConsultation } from '../../domain';

export class RatingView {
  @ApiProperty({ minimum: 1, maximum: 5 }) readonly score!: number;
  @ApiProperty({ type: String, nullable: true }) readonly comment!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
}

/** A consultation as the REST API shows it (`state` is the lifecycle state). */
export class ConsultationView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ format: 'uuid' }) readonly conversationId!: string;
  @ApiProperty({ enum: ['pending', 'assigned', 'resolved', 'closed'] }) readonly state!: string;
  @ApiProperty({ description: 'While assigned: whether the agent has accepted it' })
  readonly accepted!: boolean;
  @ApiProperty() readonly customerId!: string;
  @ApiProperty() readonly domain!: string;
  @ApiProperty({ type: String, nullable: true }) readonly group!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly subject!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) readonly context!: Readonly<
    Record<string, unknown>
  >;
  @ApiProperty({ type: String, nullable: true, description: 'The agent holding it' })
  readonly agentId!: string | null;
  @ApiPropertyOptional({ description: 'Place in its queue (1 = next) while pending and queued' })
  readonly queuePosition?: number;
  @ApiProperty({ format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  readonly assignedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  readonly acceptedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  readonly resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  readonly closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['agent', 'customer', 'system'] })
  readonly closedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly closeReason!: string | null;
  @ApiProperty({ type: RatingView, nullable: true }) readonly rating!: RatingView | null;
  @ApiProperty() readonly transfers!: number;
  @ApiProperty() readonly reopens!: number;
}

export function toConsultationView(
  c: OpenedConsultation,
  queuePosition?: number,
): ConsultationView {
  return {
    id: c.consultationId,
    conversationId: c.conversationId,
    state: c.status,
    accepted: c.status === 'assigned' && c.accepted,
    customerId: c.customerId,
    domain: c.domain,
    group: c.group,
    subject: c.subject,
    context: c.context,
    agentId: c.status === 'assigned' || c.status === 'resolved' ? c.assignedAgentId : null,
    ...(queuePosition === undefined ? {} : { queuePosition }),
    openedAt: c.openedAt,
    assignedAt: c.assignedAt,
    acceptedAt: c.acceptedAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    closeReason: c.closeReason,
    rating: c.rating,
    transfers: c.transfers,
    reopens: c.reopens,
  };
}

export class ConsultationPage {
  @ApiProperty({ type: [ConsultationView] }) readonly items!: ConsultationView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next (older) page; null on the last page',
  })
  readonly nextCursor!: string | null;
}
