import type { ContractDefinition } from './contract.registry';
import type { Envelope } from './envelope.contract';
import { TOPICS } from './topics.contract';

/**
 * Messages on `commerce.orders.v1` (key: orderId), contract v1: integration INPUT from the
 * commerce side, which Switchboard consumes to measure conversion (an order placed by a customer
 * after a consultation in the same domain). Producers outside Switchboard publish the envelope
 * with `type: 'OrderPlaced'`, `version: 1`, `streamId: 'order-<orderId>'`. Fields may be added
 * inside v1; none is removed or retyped.
 */
export interface OrderPlacedData {
  /** 1-200 characters; unique per order (the message key). */
  readonly orderId: string;
  /** The customer's user id as Switchboard knows it; 1-200 characters. */
  readonly customerId: string;
  /** Business domain of the order (travel, shop...), null when not known. */
  readonly domain: string | null;
  /** Amount in the currency's minor unit (cents), an integer ≥ 0. */
  readonly amountMinor: number;
  /** ISO 4217 code, three capital letters. */
  readonly currency: string;
  /** When the order was placed, ISO 8601 with offset. */
  readonly placedAt: string;
}

export const ORDER_PLACED = 'OrderPlaced';
export const ORDER_PLACED_VERSION = 1;

/** `type` → `data` of every v1 message on `commerce.orders.v1`. */
export interface CommerceOrdersV1 {
  readonly OrderPlaced: OrderPlacedData;
}

export type OrderPlacedEnvelope = Envelope<typeof ORDER_PLACED, OrderPlacedData>;

const bounded = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** JSON Schema of {@link OrderPlacedData}. */
export const ORDER_PLACED_CONTRACT: ContractDefinition = {
  topic: TOPICS.commerceOrders,
  type: ORDER_PLACED,
  version: ORDER_PLACED_VERSION,
  description: 'An order placed on the commerce side (integration input, for conversion).',
  dataSchema: {
    type: 'object',
    required: ['orderId', 'customerId', 'domain', 'amountMinor', 'currency', 'placedAt'],
    properties: {
      orderId: bounded,
      customerId: bounded,
      domain: { type: ['string', 'null'] },
      amountMinor: { type: 'integer', minimum: 0 },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      placedAt: { type: 'string', format: 'date-time' },
    },
    additionalProperties: true,
  },
};
