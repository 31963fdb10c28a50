import type { ContractDefinition } from './contract.registry';
import type { Envelope } from './envelope.contract';
import { TOPICS } from './topics.contract';

/**
 * Messages on `push.requests.v1` (key: the recipient's userId), contract v1: one offline
 * notification for one user. The dispatcher publishes them for recipients with no live
 * connection (its outbox); the push worker hands them to a PushSender (webhook, log).
 * Delivery is at-least-once: a sender deduplicates by `pushId` (also the envelope id).
 * Fields may be added inside v1; none is removed or retyped.
 */
export interface PushRequestedData {
  /** UUID derived from (source event id, userId): a redelivered event yields the same id. */
  readonly pushId: string;
  readonly userId: string;
  readonly conversationId: string;
  readonly messageId: string;
  /** Short headline, e.g. "New message" or "New message from your agent". */
  readonly title: string;
  /** The message text cut to {@link PUSH_BODY_MAX_CHARS}; null for attachments and notes. */
  readonly body: string | null;
  readonly domain: string | null;
  /** When the message was posted (ISO 8601, UTC). */
  readonly at: string;
}

/** Longest `body`; longer texts are cut and end with an ellipsis. */
export const PUSH_BODY_MAX_CHARS = 120;

export const PUSH_REQUESTED = 'PushRequested';

/** `type` → `data` of every v1 message on `push.requests.v1`. */
export interface PushRequestsV1 {
  readonly PushRequested: PushRequestedData;
}

/** The envelope of a push request: `id` = `pushId`, streamId `push-<userId>`. */
export type PushRequestedEnvelope = Envelope<typeof PUSH_REQUESTED, PushRequestedData>;

const text = { type: 'string', minLength: 1 } as const;

/** JSON Schema of {@link PushRequestedData}, for `registerContract`. */
export const PUSH_REQUESTED_CONTRACT: ContractDefinition = {
  topic: TOPICS.pushRequests,
  type: PUSH_REQUESTED,
  version: 1,
  description: 'An offline notification for one user.',
  dataSchema: {
    type: 'object',
    required: ['pushId', 'userId', 'conversationId', 'messageId', 'title', 'body', 'domain', 'at'],
    properties: {
      pushId: { type: 'string', format: 'uuid' },
      userId: text,
      conversationId: text,
      messageId: text,
      title: text,
      body: { type: ['string', 'null'], maxLength: PUSH_BODY_MAX_CHARS },
      domain: { type: ['string', 'null'] },
      at: { type: 'string', format: 'date-time' },
    },
    additionalProperties: true,
  },
};
