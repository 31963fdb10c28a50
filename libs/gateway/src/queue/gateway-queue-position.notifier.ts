import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetConsultationQuery } from '@switchboard/consultation/application/get-consultation/get-consultation.query';
import { type QueuePositionNotifier } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { FAN_OUT, type FanOut } from '@switchboard/delivery/fan-out/fan-out.port';
import { type PositionChange } from '@switchboard/routing';
import { GATEWAY_SYSTEM_ACTOR } from '../presence/presence.notifier';

/** A consultation's customer never changes: remembered, up to this many consultations. */
const MAX_CACHED = 10_000;

/**
 * Sends `consultation.updated {id, state: 'pending', queuePosition}` to each waiting customer
 * whose place in a queue changed. Called from the router's drain, not awaited: it never throws
 * and each change is sent on its own, so one unknown consultation does not hold up the rest.
 */
@Injectable()
export class GatewayQueuePositionNotifier implements QueuePositionNotifier {
  private readonly logger = new Logger('GatewayQueuePositionNotifier');
  private readonly customers = new Map<string, string>();

  constructor(
    private readonly queries: QueryBus,
    @Inject(FAN_OUT) private readonly fanOut: FanOut,
  ) {}

  positionsChanged(queueKey: string, changes: readonly PositionChange[]): void {
    for (const change of changes) void this.notify(queueKey, change);
  }

  /** Resolves when one change has been handed to the fan-out (or failed and was logged). */
  async notify(queueKey: string, { consultationId, position }: PositionChange): Promise<void> {
    try {
      const customerId = await this.customerOf(consultationId);
      await this.fanOut.fanOut([{ userId: customerId, role: 'customer' }], 'consultation.updated', {
        id: consultationId,
        state: 'pending',
        queuePosition: position,
      });
    } catch (error) {
      this.logger.warn(
        `Queue position for ${consultationId} in ${queueKey} not sent: ${String(error)}`,
      );
    }
  }

  private async customerOf(consultationId: string): Promise<string> {
    const known = this.customers.get(consultationId);
    if (known !== undefined) return known;
    const view = await this.queries.execute(
      new GetConsultationQuery(GATEWAY_SYSTEM_ACTOR, consultationId),
    );
    if (this.customers.size >= MAX_CACHED)
      this.customers.delete(this.customers.keys().next().value!);
    this.customers.set(consultationId, view.customerId);
    return view.customerId;
  }
}
