import type { Bus, ConsumedMessage, Consumer } from '@switchboard/bus';
import { dlqTopic, parseEnvelope, registerContract, TOPICS } from '@switchboard/contracts';
import {
  PUSH_REQUESTED,
  PUSH_REQUESTED_CONTRACT,
  type PushRequestedEnvelope,
} from '@switchboard/contracts/push-requests.contract';
import { BoundedLru } from '../dispatcher/bounded-lru';
import type { PushSender } from './push-sender.port';

/** Header on a dead-lettered push request: why it was not sent. */
export const PUSH_ERROR_HEADER = 'push-error';

export interface PushWorkerLogger {
  warn(message: string, context?: Readonly<Record<string, unknown>>): void;
  error(message: string, context?: Readonly<Record<string, unknown>>): void;
}

export interface PushWorkerOptions {
  readonly bus: Bus;
  readonly sender: PushSender;
  readonly logger: PushWorkerLogger;
  /** Default `push`. */
  readonly groupId?: string;
  /** pushIds remembered against repeats (default 10 000). */
  readonly dedupCapacity?: number;
}

/**
 * Consumes `push.requests.v1` (group `push`) and hands each request to the PushSender once
 * per pushId (the dispatcher may publish a request again after a crash). A request the sender
 * gave up on (retries exhausted, refused) or that breaks the contract goes to
 * `push.requests.v1.dlq` and the partition moves on: one dead webhook must not hold every
 * later notification of the partition.
 */
export class PushWorker {
  readonly counters = { sent: 0, duplicates: 0, deadLettered: 0 };
  private consumer: Consumer | undefined;
  private readonly sent: BoundedLru<string, true>;

  constructor(private readonly options: PushWorkerOptions) {
    registerContract(PUSH_REQUESTED_CONTRACT);
    this.sent = new BoundedLru(options.dedupCapacity ?? 10_000);
  }

  async start(): Promise<void> {
    if (this.consumer !== undefined) return;
    const topic = TOPICS.pushRequests;
    await this.options.bus.ensureTopics([topic, dlqTopic(topic)]);
    this.consumer = await this.options.bus.consume(
      { groupId: this.options.groupId ?? 'push', topics: [topic] },
      (message) => this.handle(message),
    );
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  /** Handles one consumed message (public for tests; the consumer calls it). */
  async handle(message: ConsumedMessage): Promise<void> {
    let envelope: PushRequestedEnvelope;
    try {
      envelope = parseEnvelope<PushRequestedEnvelope>(message.value, message.topic);
      if (envelope.type !== PUSH_REQUESTED) throw new Error(`unknown type ${envelope.type}`);
    } catch (error) {
      await this.deadLetter(message, error);
      return;
    }
    const { pushId } = envelope.data;
    if (this.sent.has(pushId)) {
      this.counters.duplicates += 1;
      return;
    }
    try {
      await this.options.sender.send(envelope.data);
    } catch (error) {
      await this.deadLetter(message, error);
      return;
    }
    this.sent.set(pushId, true);
    this.counters.sent += 1;
  }

  private async deadLetter(message: ConsumedMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const topic = dlqTopic(message.topic);
    this.options.logger.error('Push request dead-lettered', {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      dlq: topic,
      reason,
    });
    await this.options.bus.publish({
      topic,
      key: message.key,
      value: message.value,
      headers: { ...message.headers, [PUSH_ERROR_HEADER]: reason.slice(0, 1_000) },
    });
    this.counters.deadLettered += 1;
  }
}
