import { randomUUID } from 'node:crypto';
import { handleCommand, isDomainError, StreamWriter } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import {
  positionChanges,
  queueDecider,
  type QueueEntry,
  type QueueEvent,
  type QueueState,
  queueStreamId,
  type RoutingConfig,
  type StrategyStates,
} from '@switchboard/routing';
import {
  type ConsultationDecider,
  type ConsultationOpened,
  LONG_STREAM_SNAPSHOTS,
} from '../../domain';
import { type AgentDirectory } from '../agents-view/agent-directory';
import { type RuntimeLogger } from '../process-managers/runtime.logger';
import { AssignmentExecutor, type Claimed, STREAM_RETRIES } from './assignment.executor';
import { type DrainAssignment, planDrain } from './drain.planner';
import { DrainTransactionWriter } from './drain-transaction.writer';
import {
  claimedBy,
  foldQueue,
  type QueueBatchCommand,
  queueBatchDecider,
} from './queue-batch.decider';
import { type QueuePositionNotifier } from './queue-position.notifier';

export interface DrainerDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly decider: ConsultationDecider;
  readonly directory: AgentDirectory;
  readonly config: RoutingConfig;
  readonly notifier: QueuePositionNotifier;
  readonly logger: RuntimeLogger;
  /** The agent a consultation should not go straight back to (it timed out on them). */
  readonly avoidFor: (consultationId: string) => string | undefined;
  /** The agent a reopened consultation is offered to first. */
  readonly previousAgentOf?: (consultationId: string) => string | undefined;
  /** Revision of the consultation's stream as the router last saw it. */
  readonly revisionOf?: (consultationId: string) => number | undefined;
}

const MAX_ROUNDS = 5;

/** Folds the queue stream with the cheaper, equivalent evolve (see queue-batch.decider.ts). */
const singleQueueDecider = { ...queueDecider, evolve: queueBatchDecider.evolve };

/**
 * Carries out drain plans for one queue at a time (the router serialises calls per key). The
 * write order makes it race-free across processes: claim in the queue stream (expected
 * revision) → take the slot on the agent stream (capacity checked there) → assign the
 * consultation (its stream refuses a second assignment). A failed step undoes the earlier ones:
 * a refused take puts the entry back with its original `at`; a refused assign releases the
 * slot and puts the entry back only if the consultation still waits.
 */
export class QueueDrainer {
  private readonly states = new Map<string, StrategyStates>();
  private readonly known = new Map<string, QueueState>();

  private readonly executor: AssignmentExecutor;
  /**
   * The queue streams' one writer in this process: state cached, appended at the cached
   * revision (a queue stream only grows, and re-folding it per drain grew with it).
   */
  private readonly writer: StreamWriter<QueueBatchCommand, QueueEvent, QueueState>;
  /** The whole drain in one multi-stream append, when the store offers it (D40). */
  private readonly transaction: DrainTransactionWriter;

  constructor(private readonly deps: DrainerDeps) {
    this.executor = new AssignmentExecutor(deps);
    this.writer = new StreamWriter(deps.store, queueBatchDecider, {
      maxAttempts: STREAM_RETRIES.maxAttempts,
      maxCachedStreams: 10_000,
      snapshots: LONG_STREAM_SNAPSHOTS,
    });
    this.transaction = new DrainTransactionWriter({
      ...deps,
      queues: this.writer,
      agents: this.executor.agents,
      consultations: this.executor.consultations,
    });
  }

  /** See `AssignmentExecutor.opened`. */
  opened(event: ConsultationOpened, revision: number): void {
    this.executor.opened(event, revision);
  }

  async drain(key: string, arrivals: readonly QueueEntry[]): Promise<void> {
    let entries = arrivals;
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      // Planned on the queue as it will be once the arrivals are in (decided here, written
      // below): enqueue and claim then share ONE append, one commit less on the routing path.
      const queue = await this.withArrivals(key, entries);
      const agents = this.deps.directory.snapshots();
      const states = this.states.get(key) ?? {};
      const plan = planDrain(
        queue,
        agents,
        this.deps.config,
        states,
        this.deps.avoidFor,
        this.deps.previousAgentOf,
      );
      this.states.set(key, plan.strategyStates);
      if (plan.assignments.length === 0) {
        await this.queueState(key, entries);
        return;
      }
      const drained = await this.transaction.write(key, entries, plan.assignments);
      if (drained !== undefined) {
        this.remember(key, drained);
        return;
      }
      // Step by step: claim, take, assign, each stream on its own, undoing a failed step.
      const claimed = await this.claim(key, queue, entries, plan.assignments);
      const outcomes = await this.executor.execute(claimed);
      entries = outcomes.putBack;
      if (entries.length === 0 && outcomes.refused === 0) return;
    }
    if (entries.length > 0) await this.queueState(key, entries);
  }

  /** The stored queue (cached, only its tail read) with `entries` enqueued on top, unwritten. */
  private async withArrivals(key: string, entries: readonly QueueEntry[]): Promise<QueueState> {
    const { state } = await this.writer.read(queueStreamId(key));
    if (entries.length === 0) return state;
    const command = {
      type: 'enqueueMany' as const,
      data: { entries },
      metadata: { commandId: randomUUID(), now: this.deps.clock.now() },
    };
    return foldQueue(state, queueBatchDecider.decide(command, state));
  }

  private async queueState(key: string, entries: readonly QueueEntry[]): Promise<QueueState> {
    // With no entries the command decides nothing: the answer is the caught-up state.
    const stream = queueStreamId(key);
    const result = await this.queueCommand(stream, { type: 'enqueueMany', data: { entries } });
    return this.remember(key, result.state);
  }

  /** Enqueues the arrivals and claims the plan in one append; answers what it took. */
  private async claim(
    key: string,
    planned: QueueState,
    arrivals: readonly QueueEntry[],
    plan: readonly DrainAssignment[],
  ): Promise<Claimed[]> {
    const claims = plan.map(({ consultationId, agentId }) => ({ consultationId, agentId }));
    const result = await this.queueCommand(queueStreamId(key), {
      type: 'enqueueAndClaim',
      data: { entries: arrivals, claims },
    });
    this.remember(key, result.state);
    const taken = claimedBy(result.events);
    const entries = new Map(planned.entries.map((e) => [e.consultationId, e]));
    return plan.flatMap((p) => {
      const entry = entries.get(p.consultationId);
      return taken.has(p.consultationId) && entry !== undefined ? [{ ...p, entry }] : [];
    });
  }

  private queueCommand(stream: string, partial: Omit<QueueBatchCommand, 'metadata'>) {
    const command = {
      ...partial,
      metadata: { commandId: randomUUID(), now: this.deps.clock.now() },
    };
    return this.writer.write(stream, command as QueueBatchCommand);
  }

  private remember(key: string, state: QueueState): QueueState {
    const before = this.known.get(key) ?? { entries: [] };
    this.known.set(key, state);
    const changes = positionChanges(before, state);
    if (changes.length > 0) this.deps.notifier.positionsChanged(key, changes);
    return state;
  }

  /** Takes a consultation that will not be served (closed while waiting) out of its queue. */
  async remove(key: string, consultationId: string): Promise<void> {
    const command = {
      type: 'dequeue' as const,
      data: { consultationId, reason: 'closed' as const },
      metadata: { commandId: `${consultationId}:closed:${key}`, now: this.deps.clock.now() },
    };
    try {
      const result = await handleCommand(
        this.deps.store,
        queueStreamId(key),
        singleQueueDecider,
        command,
        STREAM_RETRIES,
      );
      this.remember(key, result.state);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'QUEUE_ENTRY_NOT_FOUND') throw error;
    }
  }

  /** Waiting consultations of a queue as last seen (live view for REST). */
  queue(key: string): QueueState | undefined {
    return this.known.get(key);
  }
}
