import { deriveEventId, type CommandMetadata } from '@switchboard/es-core';
import { type AuthUser } from '../auth/auth.types';
import { type Clock } from '../clock/clock.port';
import { randomUUID } from 'node:crypto';

/** What a command handler needs from the HTTP request, and nothing of HTTP itself. */
export interface RequestContext {
  readonly actor: AuthUser;
  readonly correlationId?: string;
  /** From the `Idempotency-Key` header, already checked for shape. */
  readonly idempotencyKey?: string;
}

/** A UUID that is the same for the same parts (SHA-1 name-based, like the event ids). */
export function stableUuid(...parts: readonly string[]): string {
  return deriveEventId(parts.join('\u0000'), 0);
}

/**
 * Metadata for one write to one stream. With an idempotency key the command id is derived from
 * (caller, scope, key), so a replay produces the same event ids and the store writes nothing;
 * `scope` names the route, the aggregate id and the stream, so one key never yields the same
 * event ids in two streams (the store would refuse that as an idempotency conflict).
 */
export function commandMetadata(
  context: RequestContext,
  clock: Clock,
  scope: string,
): CommandMetadata {
  const commandId =
    context.idempotencyKey === undefined
      ? randomUUID()
      : stableUuid('command', context.actor.userId, scope, context.idempotencyKey);
  return {
    commandId,
    now: clock.now(),
    userId: context.actor.userId,
    ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
  };
}
