import { type Bus, type ConsumedMessage, GroupConsumer } from '@switchboard/bus';
import {
  deadLetterOf,
  DLQ_REASON_HEADER,
  dlqTopic,
  type Envelope,
  type MessagePostedData,
  parseEnvelope,
  TOPICS,
} from '@switchboard/contracts';
import {
  describeError,
  type RuntimeLogger,
  silentLogger,
} from '../process-managers/runtime.logger';

/** Consumer group of the consultation context on `im.messages.v1`. */
export const CONSULTATION_GROUP_ID = 'consultation';

export { DLQ_REASON_HEADER };

/** Where each `MessagePosted` goes besides the reactor (the quality module's text log). */
export interface MessageSink {
  record(message: MessagePostedData): void;
}

/** What a valid MessagePosted means to the consultation (MessagePostedReactor). */
export interface MessageReactor {
  react(envelope: Envelope, message: MessagePostedData): Promise<void>;
}

export interface ImMessagesConsumerDeps {
  readonly bus: Bus;
  readonly reactor: MessageReactor;
  readonly texts: MessageSink;
  readonly logger?: RuntimeLogger;
  /** Delay before joining again after the bus refused. Default 1000 ms. */
  readonly retryDelayMs?: number;
}

/**
 * The consultation context's reader of `im.messages.v1` (group `consultation`): every
 * `MessagePosted` of a consultation conversation goes to the text log and the reactor
 * (activity, reopen, FAQ answer). A message that is not a valid envelope, or a MessagePosted
 * without the fields relied on, is logged and parked on `im.messages.v1.dlq`: it never blocks
 * the partition or crashes the process. A failure of the store is thrown, so the bus redelivers
 * (the reactor is idempotent).
 */
export class ImMessagesConsumer {
  private readonly group: GroupConsumer;
  private readonly logger: RuntimeLogger;

  constructor(private readonly deps: ImMessagesConsumerDeps) {
    this.logger = deps.logger ?? silentLogger;
    const topic = TOPICS.imMessages;
    this.group = new GroupConsumer(
      {
        bus: deps.bus,
        groupId: CONSULTATION_GROUP_ID,
        topics: [topic],
        ensureTopics: [topic, dlqTopic(topic)],
        logger: this.logger,
        retryDelayMs: deps.retryDelayMs,
      },
      (message) => this.handle(message),
    );
  }

  /** Joins the group; a bus that cannot be joined yet is retried, never failing the start. */
  start(): Promise<void> {
    return this.group.start();
  }

  stop(): Promise<void> {
    return this.group.stop();
  }

  async handle(raw: ConsumedMessage): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(raw.value, raw.topic);
    } catch (error) {
      return this.deadLetter(raw, describeError(error));
    }
    if (envelope.type !== 'MessagePosted') return;
    const message = envelope.data as MessagePostedData;
    const problem = malformed(message);
    if (problem !== null) return this.deadLetter(raw, `MessagePosted ${envelope.id}: ${problem}`);
    this.deps.texts.record(message);
    await this.deps.reactor.react(envelope, message);
  }

  private async deadLetter(raw: ConsumedMessage, reason: string): Promise<void> {
    this.logger.warn(`${raw.topic}[${raw.partition}]@${raw.offset} to the DLQ: ${reason}`);
    await this.deps.bus.publish(deadLetterOf(raw, reason));
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** What is wrong with the fields this context reads, or null. */
function malformed(data: MessagePostedData | null): string | null {
  if (data === null || typeof data !== 'object') return 'data is not an object';
  if (!isText(data.conversationId) || !isText(data.messageId)) return 'ids missing';
  if (data.consultationId !== null && !isText(data.consultationId)) return 'bad consultationId';
  if (!Number.isInteger(data.seq) || data.seq < 1) return 'seq must be a positive integer';
  if (!isText(data.senderRole) || !isText(data.type)) return 'senderRole or type missing';
  if (data.text !== null && typeof data.text !== 'string') return 'text must be a string or null';
  if (typeof data.internal !== 'boolean') return 'internal must be a boolean';
  if (!isText(data.createdAt) || Number.isNaN(Date.parse(data.createdAt))) {
    return 'createdAt must be an ISO time';
  }
  return null;
}
