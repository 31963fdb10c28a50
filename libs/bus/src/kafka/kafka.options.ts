import type { BusLogger } from '../bus.logger';
import { DEFAULT_REDELIVERY, type RedeliveryPolicy } from '../redelivery.policy';
import type { KafkaLogLevel } from './kafka.logging';

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of the topics this bus creates (default 3). Existing topics keep theirs. */
  readonly partitions?: number;
  /** Replication of created topics (default -1: the broker's default.replication.factor). */
  readonly replicationFactor?: number;
  /** kafkajs' own log level (default 'warn'; kafkajs is very chatty below). */
  readonly logLevel?: KafkaLogLevel;
  readonly logger?: BusLogger;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Consumer group session: a member silent this long is dropped (default 30 s, broker min 6 s). */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long a rebalance waits for members to rejoin (default 60 s). */
  readonly rebalanceTimeoutMs?: number;
  /** Fetch long-poll; also bounds how long `stop()` waits for an idle fetch (default 1 s). */
  readonly maxWaitTimeMs?: number;
  readonly autoCommitIntervalMs?: number;
  /** Partitions one member handles at once (default: `partitions`). */
  readonly partitionsConsumedConcurrently?: number;
  /** `consume()` resolves after the first join, or after this long with a warning (default 60 s). */
  readonly joinTimeoutMs?: number;
  readonly redeliveryBackoffMs?: number;
  readonly maxRedeliveryBackoffMs?: number;
}

/** What each consumer of a `KafkaBus` runs with, defaults applied. */
export interface KafkaConsumerSettings {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly maxWaitTimeMs: number;
  readonly autoCommitIntervalMs: number;
  readonly partitionsConsumedConcurrently: number;
  readonly joinTimeoutMs: number;
  readonly redelivery: RedeliveryPolicy;
  readonly logger: BusLogger;
}

export function consumerSettings(
  options: KafkaBusOptions,
  partitions: number,
  logger: BusLogger,
): KafkaConsumerSettings {
  return {
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
    rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? 60_000,
    maxWaitTimeMs: options.maxWaitTimeMs ?? 1_000,
    autoCommitIntervalMs: options.autoCommitIntervalMs ?? 1_000,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? partitions,
    joinTimeoutMs: options.joinTimeoutMs ?? 60_000,
    redelivery: {
      baseMs: options.redeliveryBackoffMs ?? DEFAULT_REDELIVERY.baseMs,
      maxMs: options.maxRedeliveryBackoffMs ?? DEFAULT_REDELIVERY.maxMs,
    },
    logger,
  };
}
