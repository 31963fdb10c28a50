import { ORDER_PLACED, type OrderPlacedData } from '@switchboard/contracts';
import { deriveEventId } from '@switchboard/es-core';

/**
 * Streams of the orders integration: `order-<orderId>`, one `OrderPlaced` each. The stored
 * event and the `commerce.orders.v1` message share type, version and data (the contract in
 * `@switchboard/contracts`), so the relay publishes the event as it is.
 */
export const ORDER_STREAM_PREFIX = 'order-';

/** What a caller asks for: `placedAt` absent means "now", decided by the writer. */
export type OrderRequest = Omit<OrderPlacedData, 'placedAt'> & { readonly placedAt?: string };

export function orderStreamId(orderId: string): string {
  return `${ORDER_STREAM_PREFIX}${orderId}`;
}

/**
 * One event id per order, whoever posts it and however often: the store's idempotency turns a
 * repeated post into a no-op even when two posts race.
 */
export function orderEventId(orderId: string): string {
  return deriveEventId(`${ORDER_PLACED}\u0000${orderId}`, 0);
}

/**
 * Whether a request repeats the stored order. Every field the caller sent must match; an
 * omitted `placedAt` matches any time (the first post's "now" was the server's choice).
 */
export function repeatsOrder(stored: OrderPlacedData, request: OrderRequest): boolean {
  return (
    stored.orderId === request.orderId &&
    stored.customerId === request.customerId &&
    stored.domain === request.domain &&
    stored.amountMinor === request.amountMinor &&
    stored.currency === request.currency &&
    (request.placedAt === undefined || sameInstant(stored.placedAt, request.placedAt))
  );
}

function sameInstant(a: string, b: string): boolean {
  return new Date(a).getTime() === new Date(b).getTime();
}
