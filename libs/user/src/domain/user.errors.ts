import { DomainError } from '@switchboard/es-core';

export const UserErrorCode = {
  CustomerNotFound: 'CUSTOMER_NOT_FOUND',
  InvalidCursor: 'INVALID_CURSOR',
} as const;

/**
 * Unknown customer, or one the caller may not see: the same 404, so the answer never tells
 * whether a customer exists (as for consultations' attachments and conversations).
 */
export function customerNotFound(customerId: string): DomainError {
  return new DomainError(UserErrorCode.CustomerNotFound, `No customer ${customerId}`, 'not_found', {
    customerId,
  });
}

export function invalidCursor(): DomainError {
  return new DomainError(
    UserErrorCode.InvalidCursor,
    '`before` must be a nextBefore from a previous timeline page',
    'invalid_command',
  );
}
