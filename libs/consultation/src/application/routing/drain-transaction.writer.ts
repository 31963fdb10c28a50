import { randomUUID } from 'node:crypto';
import { isDomainError, type PreparedWrite, type StreamWriter } from '@switchboard/es-core';
import {
  canAppendToStreams,
  type EventStore,
  WrongExpectedRevisionError,
} from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import {
  type QueueEntry,
  type QueueEvent,
  type QueueState,
  queueStreamId,
} from '@switchboard/routing';
import {
  type AgentEvent,
  type AgentState,
  agentStream,
  type ConsultationCommand,
  type ConsultationEvent,
  type ConsultationState,
  consultationStream,
  takesOf,
} from '../../domain';
import { type AgentDirectory } from '../agents-view/agent-directory';
import { describeError, type RuntimeLogger } from '../process-managers/runtime.logger';
import { type TakeMany } from './agent-batch.decider';
import { type DrainAssignment } from './drain.planner';
import { claimedBy, type QueueBatchCommand } from './queue-batch.decider';

export interface DrainTransactionDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly directory: AgentDirectory;
  readonly logger: RuntimeLogger;
  /** The writers of the step-by-step path: their caches are what this path decides on. */
  readonly queues: StreamWriter<QueueBatchCommand, QueueEvent, QueueState>;
  readonly agents: StreamWriter<TakeMany, AgentEvent, AgentState>;
  readonly consultations: StreamWriter<ConsultationCommand, ConsultationEvent, ConsultationState>;
  /** Revision of a consultation's stream as the router last saw it (a requeue, a transfer). */
  readonly revisionOf?: (consultationId: string) => number | undefined;
}

type Write = PreparedWrite<QueueEvent | AgentEvent | ConsultationEvent, unknown>;

/**
 * A whole drain as ONE multi-stream append (D40): the arrivals enqueued and the plan claimed in
 * the queue stream, each agent's takes in its stream, each assignment in its consultation's
 * stream, all decided by the same deciders on the writers' cached states and appended at those
 * revisions, all or nothing. Each expected revision proves its decision saw the current state
 * (so no agent over capacity, no consultation assigned twice), exactly as the step-by-step
 * path's appends do, and there is nothing to compensate: a refusal writes nothing.
 *
 * Whenever that cannot be decided here (a stream not cached, a take or an assignment refused),
 * or the store refuses the append (another writer got in first) or cannot make it, nothing is
 * written and the drainer takes the step-by-step path, which reads and retries per stream.
 */
export class DrainTransactionWriter {
  constructor(private readonly deps: DrainTransactionDeps) {}

  /** The queue after the drain, or undefined when it must go step by step (nothing written). */
  async write(
    key: string,
    arrivals: readonly QueueEntry[],
    plan: readonly DrainAssignment[],
  ): Promise<QueueState | undefined> {
    const { store } = this.deps;
    if (!canAppendToStreams(store)) return undefined;
    await this.catchUp(plan);
    const prepared = this.prepare(key, arrivals, plan);
    if (prepared === undefined) return undefined;
    const { queue, takes, writes } = prepared;
    try {
      const results = await store.appendToStreams(writes.map((w) => w.append));
      writes.forEach((write, i) => write.written(results[i]!));
      takes.forEach(([agentId, take], i) => {
        this.deps.directory.observe(agentId, take.state, results[i + 1]!.nextExpectedRevision);
      });
      return queue.state;
    } catch (error) {
      this.deps.logger.debug(`drain ${key} in one transaction: ${describeError(error)}`);
      // Nothing was written. A refused append names its stream: only that cache is stale.
      const refused = error instanceof WrongExpectedRevisionError ? error.streamId : undefined;
      for (const write of writes) {
        if (refused === undefined || write.append.streamId === refused) write.failed();
      }
      return undefined;
    }
  }

  private prepare(key: string, arrivals: readonly QueueEntry[], plan: readonly DrainAssignment[]) {
    const now = this.deps.clock.now();
    const metadata = () => ({ commandId: randomUUID(), now });
    try {
      const claims = plan.map(({ consultationId, agentId }) => ({ consultationId, agentId }));
      const queue = this.deps.queues.prepare(queueStreamId(key), {
        type: 'enqueueAndClaim',
        data: { entries: arrivals, claims },
        metadata: metadata(),
      });
      if (queue === undefined || claimedBy(queue.events).size !== plan.length) return undefined;
      const takes = this.takes(plan, metadata);
      if (takes === undefined) return undefined;
      const assigns: Write[] = [];
      for (const { consultationId, agentId, reason } of plan) {
        const command = { type: 'assign', data: { agentId, reason }, metadata: metadata() };
        const stream = consultationStream(consultationId);
        const assign = this.deps.consultations.prepare(stream, command as ConsultationCommand);
        if (assign === undefined) return undefined;
        assigns.push(assign as Write);
      }
      const writes = [queue as Write, ...takes.map(([, take]) => take as Write), ...assigns];
      return { queue, takes, writes };
    } catch (error) {
      if (isDomainError(error)) return undefined; // refused here: the careful path says why
      throw error;
    }
  }

  /**
   * Reads the consultation streams the writer has not cached or the router has seen move on
   * (a requeue by the timers, a transfer): only their tails, before deciding on them. A write
   * the router does not see (a customer's activity) still costs one refused attempt.
   */
  private async catchUp(plan: readonly DrainAssignment[]): Promise<void> {
    const { consultations, revisionOf } = this.deps;
    const reads: Promise<unknown>[] = [];
    for (const { consultationId } of plan) {
      const stream = consultationStream(consultationId);
      const cached = consultations.peek(stream)?.revision ?? -1;
      if (cached < (revisionOf?.(consultationId) ?? 0)) reads.push(consultations.read(stream));
    }
    if (reads.length > 0) await Promise.all(reads);
  }

  /** Per agent, its takes on its cached state; undefined unless every take is new and allowed. */
  private takes(
    plan: readonly DrainAssignment[],
    metadata: () => TakeMany['metadata'],
  ): [string, PreparedWrite<AgentEvent, AgentState>][] | undefined {
    const byAgent = new Map<string, string[]>();
    for (const { agentId, consultationId } of plan) {
      const ids = byAgent.get(agentId);
      if (ids === undefined) byAgent.set(agentId, [consultationId]);
      else ids.push(consultationId);
    }
    const takes: [string, PreparedWrite<AgentEvent, AgentState>][] = [];
    for (const [agentId, consultationIds] of byAgent) {
      const stream = agentStream(agentId);
      this.primeFromDirectory(agentId, stream);
      const command: TakeMany = {
        type: 'takeMany',
        data: { consultationIds },
        metadata: metadata(),
      };
      const take = this.deps.agents.prepare(stream, command);
      // The batch decider leaves out a take the agent refuses: then this is not the path.
      const taken = take?.events.reduce((n, event) => n + takesOf(event).length, 0);
      if (take === undefined || taken !== consultationIds.length) return undefined;
      takes.push([agentId, take]);
    }
    return takes;
  }

  /** The directory follows every agent event; the writer only its own appends. */
  private primeFromDirectory(agentId: string, stream: string): void {
    const view = this.deps.directory.get(agentId);
    const cached = this.deps.agents.peek(stream);
    if (view === undefined || (cached !== undefined && cached.revision >= view.revision)) return;
    this.deps.agents.forget(stream);
    this.deps.agents.prime(stream, view.agent, view.revision);
  }
}
