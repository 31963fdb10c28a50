import { randomUUID } from 'node:crypto';
import { type RequestContext, stableUuid } from '@switchboard/platform';

/**
 * Id for a new FAQ entry or canned reply. With an Idempotency-Key a replay names the same id,
 * so it lands on the same item instead of adding a second one.
 */
export function newFaqItemId(kind: 'faq-entry' | 'canned-reply', context: RequestContext): string {
  const key = context.idempotencyKey;
  return key === undefined ? randomUUID() : stableUuid(kind, context.actor.userId, key);
}
