import { type AuthUser } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { type EdgeCaller } from './edge-services.port';

/**
 * The caller of one service call on behalf of a socket session: its user and token, a fresh
 * correlation id (one per client event) and, for an event that carries one, the client's
 * request id as idempotency key (sends are idempotent by `clientMsgId` instead).
 */
export function edgeCallerOf(
  session: { readonly user: AuthUser; readonly token?: string },
  idempotencyKey?: string,
): EdgeCaller {
  return {
    user: session.user,
    ...(session.token === undefined ? {} : { token: session.token }),
    correlationId: randomUUID(),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
}
