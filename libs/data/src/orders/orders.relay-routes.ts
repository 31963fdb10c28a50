import { TOPICS } from '@switchboard/contracts';
import type { RelayRoute } from '@switchboard/relay';
import { ORDER_STREAM_PREFIX } from './order-placed';

/** Orders written through the REST integration reach `commerce.orders.v1`, keyed by orderId. */
export const ORDER_RELAY_ROUTES: readonly RelayRoute[] = Object.freeze([
  { streamPrefix: ORDER_STREAM_PREFIX, topic: TOPICS.commerceOrders },
]);
