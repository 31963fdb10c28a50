import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  type EventStore,
  NO_STREAM,
  WrongExpectedRevisionError,
} from '@switchboard/event-store';
import { CLOCK, type Clock, type RequestContext } from '@switchboard/platform';
import { ORDER_PLACED, ORDER_PLACED_VERSION, type OrderPlacedData } from '@switchboard/contracts';
import { type OrderRequest, orderEventId, orderStreamId, repeatsOrder } from './order-placed';
import { OrderConflictError } from './orders.errors';

export interface PlacedOrder {
  readonly order: OrderPlacedData;
  /** False when the order was already stored (a repeated post). */
  readonly created: boolean;
}

/**
 * Writes an order into the log as `OrderPlaced` on `order-<orderId>`, expecting no stream: the
 * relay publishes it on `commerce.orders.v1`, and a rebuild from `$all` sees it like any event.
 * A repeat of the same order answers the stored one; other data under the same id is a conflict.
 */
@Injectable()
export class OrderWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async place(request: OrderRequest, context: RequestContext): Promise<PlacedOrder> {
    const streamId = orderStreamId(request.orderId);
    const existing = await this.stored(streamId);
    if (existing !== undefined) return this.repeat(existing, request);

    const order: OrderPlacedData = {
      orderId: request.orderId,
      customerId: request.customerId,
      domain: request.domain,
      amountMinor: request.amountMinor,
      currency: request.currency,
      placedAt: new Date(request.placedAt ?? this.clock.now()).toISOString(),
    };
    const id = orderEventId(request.orderId);
    try {
      const result = await this.store.appendToStream(
        streamId,
        [
          {
            id,
            type: ORDER_PLACED,
            data: order,
            metadata: {
              version: ORDER_PLACED_VERSION,
              correlationId: context.correlationId ?? id,
              causationId: id,
              userId: context.actor.userId,
            },
          },
        ],
        { expectedRevision: NO_STREAM },
      );
      if (result.written) return { order, created: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    // A concurrent post of the same order id got there first: answer as for a repeat.
    const winner = await this.stored(streamId);
    if (winner === undefined) throw new Error(`Order stream ${streamId} vanished after append`);
    return this.repeat(winner, request);
  }

  private repeat(stored: OrderPlacedData, request: OrderRequest): PlacedOrder {
    if (!repeatsOrder(stored, request)) throw new OrderConflictError(request.orderId);
    return { order: stored, created: false };
  }

  private async stored(streamId: string): Promise<OrderPlacedData | undefined> {
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    if (first === undefined) return undefined;
    if (first.type !== ORDER_PLACED) throw new Error(`${streamId} holds ${first.type}`);
    return first.data as OrderPlacedData;
  }
}
