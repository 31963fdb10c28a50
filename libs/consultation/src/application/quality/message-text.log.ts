import { type MessagePostedData } from '@switchboard/contracts';
import { type MessageTexts } from './quality.settings';

/** Conversations remembered before the oldest is dropped (bounded memory). */
export const DEFAULT_MAX_CONVERSATIONS = 10_000;

/**
 * MESSAGE_TEXTS fed by the consultation context's own `im.messages.v1` consumer: the texts
 * staff showed the customer in each consultation conversation, which is what the banned-words
 * check judges. Left out: customer texts (the check scores the agent, not the customer),
 * internal notes (never shown to the customer) and system messages (templates, not an agent's
 * words).
 *
 * In memory and bounded: a conversation this process has not seen from its first message
 * (`seq` 1) on, e.g. one that started before a restart (the bus does not redeliver committed
 * messages) or was dropped, answers null, so its check reads `not_available` rather than a clean
 * result over half the texts.
 */
export class MessageTextLog implements MessageTexts {
  private readonly conversations = new Map<string, Seen>();

  constructor(private readonly maxConversations = DEFAULT_MAX_CONVERSATIONS) {}

  /** Every message of a consultation conversation, in `seq` order (the bus keeps it per key). */
  record(message: MessagePostedData): void {
    if (message.kind !== 'consultation') return;
    const seen = this.conversation(message.conversationId, message.seq);
    if (!judged(message) || message.text === null) return;
    // Keyed by message id: a redelivered message is counted once.
    seen.texts.set(message.messageId, message.text);
  }

  textsOf(conversationId: string): Promise<readonly string[] | null> {
    const seen = this.conversations.get(conversationId);
    return Promise.resolve(seen?.complete === true ? [...seen.texts.values()] : null);
  }

  private conversation(conversationId: string, seq: number): Seen {
    let seen = this.conversations.get(conversationId);
    if (seen === undefined) {
      seen = { complete: seq === 1, texts: new Map() };
      this.conversations.set(conversationId, seen);
      if (this.conversations.size > this.maxConversations) {
        const [oldest] = this.conversations.keys();
        this.conversations.delete(oldest);
      }
    }
    return seen;
  }
}

interface Seen {
  /** Seen from `seq` 1 on: nothing before is missing. */
  readonly complete: boolean;
  readonly texts: Map<string, string>;
}

function judged(message: MessagePostedData): boolean {
  return (
    !message.internal &&
    message.senderRole !== 'customer' &&
    message.senderRole !== 'system' &&
    message.type !== 'system'
  );
}
