import { randomUUID } from 'node:crypto';
import { handleCommand, isDomainError } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import {
  type AgentSnapshot,
  decideRoute,
  drainQueue,
  positionChanges,
  queueDecider,
  type PlannedAssignment,
  type QueueEntry,
  type QueueState,
  queueStreamId,
  type RoutingConfig,
  type StrategyStates,
} from '@switchboard/routing';
import {
  type AgentCommand,
  agentDecider,
  agentStream,
  type ConsultationCommand,
  type ConsultationDecider,
  consultationStream,
} from '../../domain';
import { type AgentDirectory } from '../agents-view/agent-directory';
import { describeError, type RuntimeLogger } from '../process-managers/runtime.logger';
import { agentBatchDecider, type TakeMany } from './agent-batch.decider';
import { type QueueBatchCommand, queueBatchDecider } from './queue-batch.decider';
import { type QueuePositionNotifier } from './queue-position.notifier';

type Claimed = PlannedAssignment & { readonly entry: QueueEntry };

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
}

const MAX_ROUNDS = 5;
const STREAM_RETRIES = { maxAttempts: 50, backoffMs: (attempt: number) => Math.min(attempt, 10) };

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

  constructor(private readonly deps: DrainerDeps) {}

  async drain(key: string, arrivals: readonly QueueEntry[]): Promise<void> {
    let entries = arrivals;
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const queue = await this.queueState(key, entries);
      const plan = this.plan(key, queue);
      if (plan.length === 0) return;
      const claimed = await this.claim(key, plan);
      const outcomes = await this.execute(claimed);
      entries = outcomes.putBack;
      if (entries.length === 0 && outcomes.refused === 0) return;
    }
    if (entries.length > 0) await this.queueState(key, entries);
  }

  private async queueState(key: string, entries: readonly QueueEntry[]): Promise<QueueState> {
    const stream = queueStreamId(key);
    if (entries.length === 0) {
      const history = await this.deps.store.readStream(stream);
      const state = history.reduce(
        (s, e) => queueBatchDecider.evolve(s, { type: e.type, version: 1, data: e.data } as never),
        queueBatchDecider.initialState,
      );
      return this.remember(key, state);
    }
    const result = await this.queueCommand(stream, { type: 'enqueueMany', data: { entries } });
    return this.remember(key, result.state);
  }

  private plan(key: string, queue: QueueState): PlannedAssignment[] {
    const agents = this.deps.directory.snapshots();
    const plan = drainQueue(queue, agents, this.deps.config, this.states.get(key) ?? {});
    this.states.set(key, plan.strategyStates);
    return this.avoidRepeats(queue, plan.assignments, agents);
  }

  /** A consultation that timed out on an agent goes to someone else when anyone else has room. */
  private avoidRepeats(
    queue: QueueState,
    plan: readonly PlannedAssignment[],
    agents: readonly AgentSnapshot[],
  ): PlannedAssignment[] {
    const loads = new Map(agents.map((a) => [a.agentId, a.load]));
    for (const p of plan) loads.set(p.agentId, (loads.get(p.agentId) ?? 0) + 1);
    return plan.map((planned) => {
      const avoid = this.deps.avoidFor(planned.consultationId);
      const entry = queue.entries.find((e) => e.consultationId === planned.consultationId);
      if (avoid !== planned.agentId || entry === undefined) return planned;
      const others = agents
        .filter((a) => a.agentId !== avoid)
        .map((a) => ({ ...a, load: loads.get(a.agentId) ?? a.load }));
      const decision = decideRoute(entry, others, this.deps.config, {});
      if (decision.kind !== 'assign') return planned;
      loads.set(avoid, (loads.get(avoid) ?? 1) - 1);
      loads.set(decision.agentId, (loads.get(decision.agentId) ?? 0) + 1);
      return { ...planned, agentId: decision.agentId, reason: decision.reason };
    });
  }

  private async claim(key: string, plan: readonly PlannedAssignment[]): Promise<Claimed[]> {
    const before = this.known.get(key);
    const claims = plan.map(({ consultationId, agentId }) => ({ consultationId, agentId }));
    const result = await this.queueCommand(queueStreamId(key), {
      type: 'claimMany',
      data: { claims },
    });
    this.remember(key, result.state);
    const taken = new Set(result.events.map((e) => e.data.consultationId));
    return plan.flatMap((p) => {
      const entry = before?.entries.find((e) => e.consultationId === p.consultationId);
      return taken.has(p.consultationId) && entry !== undefined ? [{ ...p, entry }] : [];
    });
  }

  /** Per agent: one append for all its takes; then each taken consultation is assigned. */
  private async execute(
    claimed: readonly Claimed[],
  ): Promise<{ putBack: QueueEntry[]; refused: number }> {
    const byAgent = new Map<string, Claimed[]>();
    for (const c of claimed) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
    const putBack: QueueEntry[] = [];
    let refused = 0;
    await Promise.all(
      [...byAgent].map(async ([agentId, list]) => {
        const held = await this.take(
          agentId,
          list.map((c) => c.consultationId),
        );
        await Promise.all(
          list.map(async (c) => {
            const outcome = held.has(c.consultationId) ? await this.assign(c) : 'put_back';
            if (outcome !== 'assigned') refused++;
            if (outcome === 'put_back') putBack.push(c.entry);
          }),
        );
      }),
    );
    return { putBack, refused };
  }

  /** The consultations the agent holds after the takes (those it refused are not in it). */
  private async take(agentId: string, consultationIds: readonly string[]): Promise<Set<string>> {
    const command: TakeMany = {
      type: 'takeMany',
      data: { consultationIds },
      metadata: { commandId: randomUUID(), now: this.deps.clock.now() },
    };
    try {
      const result = await handleCommand(
        this.deps.store,
        agentStream(agentId),
        agentBatchDecider,
        command,
        STREAM_RETRIES,
      );
      this.deps.directory.observe(agentId, result.state, result.revision);
      const held = new Set(result.state.status === 'unregistered' ? [] : result.state.held);
      if (consultationIds.some((id) => !held.has(id))) await this.deps.directory.refresh(agentId);
      return held;
    } catch (error) {
      this.deps.logger.warn(`takes on ${agentId}: ${describeError(error)}`);
      await this.deps.directory.refresh(agentId).catch(() => undefined);
      return new Set();
    }
  }

  private async assign(c: Claimed): Promise<'assigned' | 'put_back' | 'dropped'> {
    const { consultationId, agentId } = c;
    const claimId = randomUUID();
    try {
      await handleCommand(
        this.deps.store,
        consultationStream(consultationId),
        this.deps.decider,
        this.command<ConsultationCommand>('assign', { agentId, reason: c.reason }, `${claimId}:a`),
        STREAM_RETRIES,
      );
      return 'assigned';
    } catch (error) {
      this.deps.logger.debug(`assign ${consultationId} to ${agentId}: ${describeError(error)}`);
      const release = await this.agentCommand(
        agentId,
        'releaseConsultation',
        { consultationId, reason: 'assign_failed' },
        claimId,
      ).catch(() => undefined);
      if (release !== undefined)
        this.deps.directory.observe(agentId, release.state, release.revision);
      return this.stillPending(consultationId);
    }
  }

  private async stillPending(consultationId: string): Promise<'put_back' | 'dropped'> {
    const history = await this.deps.store.readStream(consultationStream(consultationId));
    const state = history.reduce(
      (s, e) => this.deps.decider.evolve(s, { type: e.type, version: 1, data: e.data } as never),
      this.deps.decider.initialState,
    );
    return state.status === 'pending' ? 'put_back' : 'dropped';
  }

  private agentCommand(
    agentId: string,
    type: 'releaseConsultation',
    data: { consultationId: string; reason?: string },
    claimId: string,
  ) {
    const command = this.command<AgentCommand>(type, data, `${claimId}:${type}`);
    return handleCommand(
      this.deps.store,
      agentStream(agentId),
      agentDecider,
      command,
      STREAM_RETRIES,
    );
  }

  private queueCommand(stream: string, partial: Omit<QueueBatchCommand, 'metadata'>) {
    const command = {
      ...partial,
      metadata: { commandId: randomUUID(), now: this.deps.clock.now() },
    };
    return handleCommand(
      this.deps.store,
      stream,
      queueBatchDecider,
      command as QueueBatchCommand,
      STREAM_RETRIES,
    );
  }

  private command<C extends { type: string }>(type: string, data: unknown, commandId: string): C {
    return { type, data, metadata: { commandId, now: this.deps.clock.now() } } as unknown as C;
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
        queueDecider,
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
