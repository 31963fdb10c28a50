import { DomainError } from '@switchboard/es-core';

export const OrderErrorCode = {
  /** The order id is taken by an order with other data. */
  Conflict: 'ORDER_CONFLICT',
} as const;

/** 409: an order is immutable once placed; a different payload under its id is refused. */
export class OrderConflictError extends DomainError {
  constructor(orderId: string) {
    super(
      OrderErrorCode.Conflict,
      `Order ${orderId} was already placed with different data`,
      'conflict',
      { orderId },
    );
    this.name = 'OrderConflictError';
  }
}
