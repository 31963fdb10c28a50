import {
  type Bus,
  type BusLogger,
  type ConsumedMessage,
  GroupConsumer,
  type OutgoingMessage,
} from '@switchboard/bus';
import {
  deadLetterOf,
  dlqTopic,
  type Envelope,
  parseEnvelope,
  TOPICS,
} from '@switchboard/contracts';
import type { Clock } from '@switchboard/platform/clock/clock.port';
import type { DeliveryService } from '../fan-out/delivery.service';
import { pushRequestMessage } from '../push/push-request.factory';
import { BoundedLru } from './bounded-lru';
import { planConsultationEvent } from './consultation-event.planner';
import { type ConsultationDirectory, ConsultationPartiesCache } from './consultation-parties';
import type { ConsultationParties, DispatchPlan } from './dispatch.plan';
import { planImMessage } from './im-message.planner';

export interface DispatcherOptions {
  readonly bus: Bus;
  readonly delivery: DeliveryService;
  readonly clock: Clock;
  readonly logger: BusLogger;
  readonly directory?: ConsultationDirectory;
  /** Default `dispatcher`. */
  readonly groupId?: string;
  /** Envelope ids remembered against redelivery (default 10 000). */
  readonly dedupCapacity?: number;
  /** Consultations whose parties are remembered (default 100 000). */
  readonly partiesCapacity?: number;
  /**
   * Events older than this are still delivered to live devices but not pushed (default 15
   * min): a replay from the start of the topic must not wake phones about old messages.
   */
  readonly pushMaxAgeMs?: number;
}

/** The topics the dispatcher consumes. */
export const DISPATCHER_TOPICS = [TOPICS.imMessages, TOPICS.consultationEvents] as const;

/**
 * Consumes `im.messages.v1` and `consultation.events.v1` (group `dispatcher`) and fans each
 * event out through the {@link DeliveryService}: recipients by the rules table, one delivery
 * per gateway.
 *
 * Failure handling: a message that fails `parseEnvelope` or whose data cannot be planned goes
 * to `<topic>.dlq` and is committed, so it never blocks its partition. A failure of the
 * registry, the gateway link or the bus is thrown: the bus redelivers the message (at least
 * once); envelope ids already handled are skipped (bounded LRU).
 *
 * Offline push outbox: push requests are published to `push.requests.v1` BEFORE the handler
 * returns, and the bus commits the consumed offset only after it returns. A crash in between
 * redelivers the event, which publishes the same requests again with the same pushIds
 * (derived from event id + userId), and the push worker drops them by pushId. So a push is
 * never lost and at most duplicated on the topic, without a separate outbox table.
 */
export class Dispatcher {
  readonly counters = {
    handled: 0,
    duplicates: 0,
    deadLettered: 0,
    sockets: 0,
    pushRequests: 0,
    stalePushesSkipped: 0,
  };
  private group: GroupConsumer | undefined;
  private readonly seen: BoundedLru<string, true>;
  private readonly parties: ConsultationPartiesCache;
  private readonly pushMaxAgeMs: number;

  constructor(private readonly options: DispatcherOptions) {
    this.seen = new BoundedLru(options.dedupCapacity ?? 10_000);
    this.parties = new ConsultationPartiesCache(
      options.partiesCapacity ?? 100_000,
      options.directory,
    );
    this.pushMaxAgeMs = options.pushMaxAgeMs ?? 15 * 60 * 1000;
  }

  /** Joins the group; a bus not ready yet is retried, never failing the application's start. */
  async start(): Promise<void> {
    if (this.group !== undefined) return;
    this.group = new GroupConsumer(
      {
        bus: this.options.bus,
        groupId: this.options.groupId ?? 'dispatcher',
        topics: DISPATCHER_TOPICS,
        ensureTopics: [
          ...DISPATCHER_TOPICS,
          ...DISPATCHER_TOPICS.map(dlqTopic),
          TOPICS.pushRequests,
        ],
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
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(message.value, message.topic);
    } catch (error) {
      await this.deadLetter(message, error);
      return;
    }
    if (this.seen.has(envelope.id)) {
      this.counters.duplicates += 1;
      return;
    }
    // I/O first (a failure is retried by the bus), then the pure planning (a failure is bad data).
    const before = await this.partiesBefore(message.topic, envelope);
    let plans: DispatchPlan[];
    try {
      plans = this.plan(message.topic, envelope, before);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      await this.deadLetter(message, error);
      return;
    }
    for (const plan of plans) await this.execute(envelope, plan);
    this.seen.set(envelope.id, true);
    this.counters.handled += 1;
  }

  private async partiesBefore(
    topic: string,
    envelope: Envelope,
  ): Promise<ConsultationParties | undefined> {
    if (topic !== TOPICS.consultationEvents) return undefined;
    const consultationId = (envelope.data as { consultationId?: unknown } | null)?.consultationId;
    if (typeof consultationId !== 'string' || consultationId.length === 0) return undefined;
    return this.parties.lookup(consultationId);
  }

  private plan(topic: string, envelope: Envelope, before?: ConsultationParties): DispatchPlan[] {
    if (topic === TOPICS.imMessages) {
      this.parties.learn(topic, envelope);
      return planImMessage(envelope);
    }
    if (topic !== TOPICS.consultationEvents) return [];
    const after = this.parties.learn(topic, envelope, before) ?? before ?? {};
    return planConsultationEvent(envelope, after);
  }

  private async execute(envelope: Envelope, plan: DispatchPlan): Promise<void> {
    const result = await this.options.delivery.route(
      plan.audience,
      plan.event,
      plan.payload,
      plan.options,
    );
    this.counters.sockets += result.sockets;
    if (plan.push === undefined || result.pushTo.length === 0) return;
    const age = this.options.clock.now().getTime() - Date.parse(envelope.occurredAt);
    if (age > this.pushMaxAgeMs) {
      this.counters.stalePushesSkipped += result.pushTo.length;
      return;
    }
    const content = plan.push;
    const requests: OutgoingMessage[] = result.pushTo.map((member) =>
      pushRequestMessage(envelope, member.userId, content),
    );
    await this.options.bus.publish(requests);
    this.counters.pushRequests += requests.length;
  }

  private async deadLetter(message: ConsumedMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const topic = dlqTopic(message.topic);
    this.options.logger.error('Dispatcher dead-lettered a message it cannot handle', {
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
