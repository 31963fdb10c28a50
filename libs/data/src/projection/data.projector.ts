import {
  type Bus,
  type BusLogger,
  type ConsumedMessage,
  consoleBusLogger,
  GroupConsumer,
  type OutgoingMessage,
} from '@switchboard/bus';
import {
  type ContractRegistry,
  deadLetterOf,
  defaultContractRegistry,
  dlqTopic,
  TOPICS,
} from '@switchboard/contracts';
import type { Fact } from '../domain/fact';
import type { FactStore, PartitionPosition } from '../store/fact-store.port';
import { projectMessage } from './message.projection';
import { PartitionPositions } from './partition-positions';

/** The data service's consumer group. */
export const DATA_GROUP = 'data';

/** The public topics the read model is projected from. */
export const DATA_TOPICS: readonly string[] = Object.freeze([
  TOPICS.consultationEvents,
  TOPICS.imMessages,
  TOPICS.agentEvents,
  TOPICS.commerceOrders,
]);

export interface DataProjectorOptions {
  readonly store: FactStore;
  /** Needed by `start()` and for dead letters; a batch-only projector (rebuild) may omit it. */
  readonly bus?: Bus;
  readonly logger?: BusLogger;
  /** Default: the contracts lib's registry (every public contract). */
  readonly contracts?: ContractRegistry;
  readonly groupId?: string;
  readonly topics?: readonly string[];
  /**
   * Whether bus offsets survive a restart (Kafka: true, the default). The in-process bus starts
   * every partition at offset 0 again in a new process, so its offsets are neither stored nor
   * trusted from the store; fact ids alone then make redelivery harmless.
   */
  readonly durableOffsets?: boolean;
  /**
   * A message that cannot be projected is logged and `publish`ed to its topic's DLQ (default
   * when a bus is given), or only logged and counted (`count`: a rebuild, whose bad messages
   * were parked when they were first consumed).
   */
  readonly deadLetters?: 'publish' | 'count';
}

/** What one `applyBatch` did. */
export interface BatchOutcome {
  readonly projected: number;
  /** At or below the stored position of their partition: applied before. */
  readonly skipped: number;
  readonly deadLettered: number;
  readonly facts: number;
}

export interface ProjectorStats extends BatchOutcome {
  readonly running: boolean;
}

/**
 * Projects the public topics into the FactStore. Per message: skip it when its offset is at or
 * below its partition's stored position; otherwise parse it against its contract, map it to
 * facts (`toFacts`) and append the facts WITH the message's position in one transaction. A
 * message that cannot be projected is logged, parked on `<topic>.dlq` (reason header) and its
 * position stored, so it is neither retried forever nor fatal. A store or bus failure rejects,
 * so the bus redelivers the message.
 */
export class DataProjector {
  private readonly positions = new PartitionPositions();
  private readonly contracts: ContractRegistry;
  private readonly logger: BusLogger;
  private readonly durable: boolean;
  private consumer: GroupConsumer | undefined;
  private totals = { projected: 0, skipped: 0, deadLettered: 0, facts: 0 };

  constructor(private readonly options: DataProjectorOptions) {
    this.contracts = options.contracts ?? defaultContractRegistry;
    this.logger = options.logger ?? consoleBusLogger;
    this.durable = options.durableOffsets ?? true;
  }

  /** Loads the stored positions, then joins the consumer group (retrying while the bus is down). */
  async start(): Promise<void> {
    const bus = this.options.bus;
    if (bus === undefined) throw new Error('DataProjector: start() needs a bus');
    if (this.consumer !== undefined) return;
    await this.loadPositions();
    const topics = this.options.topics ?? DATA_TOPICS;
    this.consumer = new GroupConsumer(
      {
        bus,
        groupId: this.options.groupId ?? DATA_GROUP,
        topics,
        ensureTopics: [...topics, ...topics.map(dlqTopic)],
        fromBeginning: true,
        logger: this.logger,
      },
      (message) => this.applyBatch([message]).then(() => undefined),
    );
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  /** Re-reads the positions from the store (after a rebuild, or before batches). */
  async loadPositions(): Promise<void> {
    this.positions.load(this.durable ? await this.options.store.positions() : []);
  }

  /**
   * Applies consumed messages in one store append (facts and positions together). Used by the
   * live handler (one message), the rebuild and the benchmark (many).
   */
  async applyBatch(messages: readonly ConsumedMessage[]): Promise<BatchOutcome> {
    const facts: Fact[] = [];
    const positions: PartitionPosition[] = [];
    const dead: OutgoingMessage[] = [];
    let skipped = 0;
    let projected = 0;
    const seen = new PartitionPositions();
    for (const message of messages) {
      const { topic, partition, offset } = message;
      if (
        this.positions.applied(topic, partition, offset) ||
        seen.applied(topic, partition, offset)
      ) {
        skipped += 1;
        continue;
      }
      const position = { topic, partition, offset };
      seen.advance(position);
      positions.push(position);
      const result = projectMessage(message, this.contracts);
      if (result.ok) {
        projected += 1;
        for (const fact of result.facts) facts.push(fact);
      } else {
        this.logger.warn(`data projector: parked ${topic}:${partition}@${offset}`, {
          reason: result.reason,
        });
        dead.push(deadLetterOf(message, result.reason));
      }
    }
    if (dead.length > 0 && this.publishesDeadLetters()) await this.options.bus!.publish(dead);
    if (facts.length > 0 || positions.length > 0) {
      await this.options.store.append(facts, this.durable ? positions : []);
    }
    for (const position of positions) this.positions.advance(position);
    const outcome = { projected, skipped, deadLettered: dead.length, facts: facts.length };
    this.totals = {
      projected: this.totals.projected + projected,
      skipped: this.totals.skipped + skipped,
      deadLettered: this.totals.deadLettered + outcome.deadLettered,
      facts: this.totals.facts + outcome.facts,
    };
    return outcome;
  }

  /** Counters since construction (for `/metrics` and health). */
  stats(): ProjectorStats {
    return { ...this.totals, running: this.consumer?.joined ?? false };
  }

  private publishesDeadLetters(): boolean {
    const mode = this.options.deadLetters ?? (this.options.bus === undefined ? 'count' : 'publish');
    if (mode === 'publish' && this.options.bus === undefined) {
      throw new Error('DataProjector: deadLetters "publish" needs a bus');
    }
    return mode === 'publish';
  }
}
