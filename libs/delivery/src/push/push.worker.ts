import { type Bus, type BusLogger, type ConsumedMessage, GroupConsumer } from '@switchboard/bus';
import {
  deadLetterOf,
  dlqTopic,
  parseEnvelope,
  registerContract,
  TOPICS,
} from '@switchboard/contracts';
import {
  PUSH_REQUESTED,
  PUSH_REQUESTED_CONTRACT,
  type PushRequestedEnvelope,
} from '@switchboard/contracts/push-requests.contract';
import { BoundedLru } from '../dispatcher/bounded-lru';
import type { PushSender } from './push-sender.port';

export interface PushWorkerOptions {
  readonly bus: Bus;
  readonly sender: PushSender;
  readonly logger: BusLogger;
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
  private group: GroupConsumer | undefined;
  private readonly sent: BoundedLru<string, true>;

  constructor(private readonly options: PushWorkerOptions) {
    registerContract(PUSH_REQUESTED_CONTRACT);
    this.sent = new BoundedLru(options.dedupCapacity ?? 10_000);
  }

  /** Joins the group; a bus not ready yet is retried, never failing the application's start. */
  async start(): Promise<void> {
    if (this.group !== undefined) return;
    const topic = TOPICS.pushRequests;
    this.group = new GroupConsumer(
      {
        bus: this.options.bus,
        groupId: this.options.groupId ?? 'push',
        topics: [topic],
        ensureTopics: [topic, dlqTopic(topic)],
        logger: this.options.logger,
      },
      (message) => this.handle(message),
    );
    await this.group.start();
  }

  async stop(): Promise<void> {
    const group = this.group;
    this.group = undefined;
    await group?.stop();
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
    await this.options.bus.publish(deadLetterOf(message, reason));
    this.counters.deadLettered += 1;
  }
}
