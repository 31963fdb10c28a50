import type { Consumer, MessageHandler } from '../bus.port';
import { type BusLogger, errorMessage } from '../bus.logger';
import type { RedeliveryPolicy } from '../redelivery.policy';
import { PartitionWorker } from './in-memory.partition-worker';
import type { PartitionLog } from './partition.log';

export interface ConsumerGroupDeps {
  readonly partitionsOf: (topic: string) => readonly PartitionLog[];
  readonly redelivery: RedeliveryPolicy;
  readonly logger: BusLogger;
}

interface MemberSpec {
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly handler: MessageHandler;
}

const tp = (topic: string, partition: number): string => `${topic}:${partition}`;

/** One `consume()` call: owns the workers of the partitions the group gave it. */
class GroupMember implements Consumer {
  readonly workers = new Map<string, PartitionWorker>();

  constructor(
    readonly spec: MemberSpec,
    private readonly group: InMemoryConsumerGroup,
  ) {}

  assignments(): string[] {
    return [...this.workers.keys()];
  }

  stop(): Promise<void> {
    return this.group.leave(this);
  }
}

/**
 * A consumer group as Kafka's group coordinator runs it, in-process: members split the
 * partitions of their topics, and a join or a leave moves partitions. Committed offsets belong
 * to the group, so they outlive its members (until the bus itself is dropped).
 */
export class InMemoryConsumerGroup {
  private readonly committed = new Map<string, number>();
  private members: GroupMember[] = [];
  /** Rebalances run one at a time, in join/leave order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly groupId: string,
    private readonly deps: ConsumerGroupDeps,
  ) {}

  committedOffset(topic: string, partition: number): number | undefined {
    return this.committed.get(tp(topic, partition));
  }

  async join(spec: MemberSpec): Promise<Consumer> {
    const member = new GroupMember(spec, this);
    await this.serialize(() => {
      this.members.push(member);
      return this.rebalance([]);
    });
    return member;
  }

  async leave(member: GroupMember): Promise<void> {
    await this.serialize(() => {
      if (!this.members.includes(member)) return Promise.resolve();
      this.members = this.members.filter((m) => m !== member);
      return this.rebalance([member]);
    });
  }

  async leaveAll(): Promise<void> {
    // Behind the joins already queued, so a member still joining is among those that leave.
    await this.serialize(() => Promise.resolve());
    await Promise.all(this.members.map((member) => this.leave(member)));
  }

  private serialize(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step);
    // A failed step must not wedge the group: later joins and leaves still run.
    this.queue = next.catch((error: unknown) =>
      this.deps.logger.error('in-memory bus: rebalance failed', {
        groupId: this.groupId,
        error: errorMessage(error),
      }),
    );
    return next;
  }

  private async rebalance(leaving: readonly GroupMember[]): Promise<void> {
    const target = this.assign();
    // Revoke everything that moves before anything starts: a partition never has two workers,
    // and the old owner's in-flight handler commits before the new owner reads the offset.
    await Promise.all(
      [...this.members, ...leaving].flatMap((member) => {
        const keep = target.get(member) ?? new Set<string>();
        return [...member.workers].flatMap(([key, worker]) => {
          if (keep.has(key)) return [];
          member.workers.delete(key);
          return [worker.stop()];
        });
      }),
    );
    for (const member of this.members) {
      for (const key of target.get(member) ?? []) {
        if (!member.workers.has(key)) member.workers.set(key, this.startWorker(member, key));
      }
    }
  }

  /** Round-robin per topic over the members subscribed to it, in join order. */
  private assign(): Map<GroupMember, Set<string>> {
    const target = new Map<GroupMember, Set<string>>(
      this.members.map((m) => [m, new Set<string>()]),
    );
    const topics = new Set(this.members.flatMap((m) => m.spec.topics));
    for (const topic of topics) {
      const subscribers = this.members.filter((m) => m.spec.topics.includes(topic));
      const count = this.deps.partitionsOf(topic).length;
      for (let partition = 0; partition < count; partition++) {
        target.get(subscribers[partition % subscribers.length])?.add(tp(topic, partition));
      }
    }
    return target;
  }

  private startWorker(member: GroupMember, key: string): PartitionWorker {
    const separator = key.lastIndexOf(':');
    const topic = key.slice(0, separator);
    const partition = Number(key.slice(separator + 1));
    const log = this.deps.partitionsOf(topic)[partition];
    let startAt = this.committed.get(key);
    if (startAt === undefined) {
      // Remember the reset position at once, so that a later owner of this partition starts
      // where this one did even if nothing was handled yet (Kafka would reset again).
      startAt = member.spec.fromBeginning ? log.startOffset : log.endOffset;
      this.committed.set(key, startAt);
    }
    return new PartitionWorker({
      topic,
      partition,
      log,
      startAt,
      commit: (next) => this.committed.set(key, next),
      handler: member.spec.handler,
      redelivery: this.deps.redelivery,
      logger: this.deps.logger,
    });
  }
}
