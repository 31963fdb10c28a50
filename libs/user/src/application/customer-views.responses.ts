import { ApiProperty } from '@nestjs/swagger';
import { TIMELINE_ENTRY_TYPES } from '../domain';

/** OpenAPI shapes of the user module's answers (the domain types are what is returned). */
export class ConsultationCountsView {
  @ApiProperty() readonly total!: number;
  @ApiProperty({ description: 'Not closed: pending, assigned or resolved' }) readonly open!: number;
  @ApiProperty() readonly closed!: number;
}

export class RatingSummaryView {
  @ApiProperty() readonly count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Two decimals' })
  readonly average!: number | null;
}

export class CurrencyTotalView {
  @ApiProperty({ example: 'EUR' }) readonly currency!: string;
  @ApiProperty({ description: "In the currency's minor unit (cents)" })
  readonly amountMinor!: number;
}

export class OrderSummaryView {
  @ApiProperty() readonly count!: number;
  @ApiProperty({ type: [CurrencyTotalView] }) readonly totals!: CurrencyTotalView[];
}

export class CustomerProfileView {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  readonly firstSeenAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  readonly lastSeenAt!: string | null;
  @ApiProperty({ type: [String] }) readonly domains!: string[];
  @ApiProperty({ type: ConsultationCountsView }) readonly consultations!: ConsultationCountsView;
  @ApiProperty({ description: 'Messages the customer posted in their consultations' })
  readonly messagesSent!: number;
  @ApiProperty({ type: RatingSummaryView }) readonly ratings!: RatingSummaryView;
  @ApiProperty({ type: OrderSummaryView }) readonly orders!: OrderSummaryView;
}

export class TimelineEntryView {
  @ApiProperty({ description: 'Stable across rebuilds of the read model' }) readonly id!: string;
  @ApiProperty({ enum: TIMELINE_ENTRY_TYPES }) readonly type!: string;
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
  @ApiProperty({ type: String, nullable: true }) readonly consultationId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'By type. opened: domain, group, subject; assigned, resolved: agentId; transferred: ' +
      'fromAgentId, toAgentId, toGroup; closed: by, reason; message: messageId, seq, senderId, ' +
      'senderRole, internal; rating: score, comment; order: orderId, domain, amountMinor, currency',
  })
  readonly data!: Record<string, unknown>;
}

export class TimelinePageView {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ type: [TimelineEntryView], description: 'Oldest first' })
  readonly items!: TimelineEntryView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `before` for the older page; null on the oldest page',
  })
  readonly nextBefore!: string | null;
}

export class SatisfactionEntryView {
  @ApiProperty() readonly consultationId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who handled it last before the rating',
  })
  readonly agentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly domain!: string | null;
  @ApiProperty({ minimum: 1, maximum: 5 }) readonly score!: number;
  @ApiProperty({ type: String, nullable: true }) readonly comment!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
  @ApiProperty({ description: 'Average of this and every earlier rating, two decimals' })
  readonly runningAverage!: number;
}

export class SatisfactionHistoryView {
  @ApiProperty() readonly customerId!: string;
  @ApiProperty() readonly count!: number;
  @ApiProperty({ type: Number, nullable: true }) readonly average!: number | null;
  @ApiProperty({ type: [SatisfactionEntryView], description: 'Oldest first' })
  readonly ratings!: SatisfactionEntryView[];
}
