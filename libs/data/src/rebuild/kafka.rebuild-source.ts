import type { ConsumedMessage } from '@switchboard/bus';
import { randomUUID } from 'node:crypto';
import { type Batch, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import type { RebuildSource, SourceProgress } from './rebuild.source';

export interface KafkaRebuildSourceOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  readonly topics: readonly string[];
  /** Session timeout of the throwaway group. Default 10 000 ms. */
  readonly sessionTimeoutMs?: number;
}

interface Range {
  readonly low: bigint;
  readonly high: bigint;
}

/**
 * The topics from offset 0, read by kafkajs directly in a fresh, unique consumer group (so the
 * live group's offsets are untouched), up to the high watermark of every partition noted at
 * the start; later messages are left to the live projector. The group is deleted afterwards.
 * Rebuilding from 0 assumes the topics keep their history (retention -1 or compaction-free).
 */
export class KafkaRebuildSource implements RebuildSource {
  readonly durableOffsets = true;
  private readonly kafka: Kafka;
  private summary = 'kafka';

  constructor(private readonly options: KafkaRebuildSourceOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'switchboard-data-rebuild',
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
    });
  }

  describe(): string {
    return this.summary;
  }

  async run(
    handle: (batch: readonly ConsumedMessage[], progress: SourceProgress) => Promise<void>,
  ): Promise<void> {
    const ranges = await this.watermarks();
    const remaining = new Set([...ranges].filter(([, r]) => r.high > r.low).map(([k]) => k));
    const total = [...ranges.values()].reduce((sum, r) => sum + Number(r.high - r.low), 0);
    this.summary = `kafka (${this.options.topics.join(', ')}; ${ranges.size} partitions, ${total} messages)`;
    if (remaining.size === 0) return;
    const groupId = `data-rebuild-${randomUUID()}`;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1_000,
    });
    let done = 0;
    try {
      await consumer.connect();
      const topics = [...new Set([...ranges.keys()].map((key) => key.split('\u0000')[0]!))];
      await consumer.subscribe({ topics, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        let failed = false;
        const eachBatch = async ({
          batch,
          heartbeat,
        }: {
          batch: Batch;
          heartbeat: () => Promise<void>;
        }) => {
          if (failed || remaining.size === 0) return;
          const key = `${batch.topic}\u0000${batch.partition}`;
          const range = ranges.get(key);
          if (range === undefined) return;
          const messages = batch.messages
            .filter((m) => BigInt(m.offset) < range.high)
            .map((m) => consumed(batch.topic, batch.partition, m));
          try {
            done += messages.length;
            if (messages.length > 0) await handle(messages, { done, fraction: done / total });
          } catch (error) {
            failed = true;
            reject(error as Error);
            return;
          }
          if (BigInt(batch.lastOffset()) >= range.high - 1n) remaining.delete(key);
          if (remaining.size === 0) resolve();
          else await heartbeat();
        };
        consumer.on(consumer.events.CRASH, (event) => {
          if (!event.payload.restart) reject(event.payload.error);
        });
        consumer.run({ autoCommit: false, eachBatch }).catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.deleteGroup(groupId);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async watermarks(): Promise<Map<string, Range>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const ranges = new Map<string, Range>();
      for (const topic of this.options.topics) {
        if (!existing.has(topic)) continue;
        for (const p of await admin.fetchTopicOffsets(topic)) {
          ranges.set(`${topic}\u0000${p.partition}`, { low: BigInt(p.low), high: BigInt(p.high) });
        }
      }
      return ranges;
    } finally {
      await admin.disconnect();
    }
  }

  private async deleteGroup(groupId: string): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    } catch {
      // A left-over empty group expires on its own (offsets.retention.minutes).
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

function consumed(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? String(value[0] ?? '') : value.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
    headers,
    timestamp: new Date(Number(message.timestamp)),
  };
}
