import { AGENT_STREAM_OPTIONS } from '../command-context/agent-stream';
import { randomUUID } from 'node:crypto';
import { handleCommand, StreamWriter } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import { type QueueEntry } from '@switchboard/routing';
import { type DrainAssignment } from './drain.planner';
import {
  type AgentCommand,
  agentDecider,
  type AgentEvent,
  type AgentState,
  agentStream,
  type ConsultationCommand,
  type ConsultationDecider,
  type ConsultationEvent,
  type ConsultationOpened,
  type ConsultationState,
  consultationStream,
} from '../../domain';
import { type AgentDirectory } from '../agents-view/agent-directory';
import { describeError, type RuntimeLogger } from '../process-managers/runtime.logger';
import { agentBatchDecider, type TakeMany } from './agent-batch.decider';

/** A planned assignment whose consultation this drain took out of the queue. */
export type Claimed = DrainAssignment & { readonly entry: QueueEntry };

export interface ExecutionOutcome {
  /** Claimed, not assigned and still waiting: to go back in the queue with their original `at`. */
  readonly putBack: QueueEntry[];
  /** Claims that did not end in an assignment. */
  readonly refused: number;
}

export interface ExecutorDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly decider: ConsultationDecider;
  readonly directory: AgentDirectory;
  readonly logger: RuntimeLogger;
}

export const STREAM_RETRIES = {
  maxAttempts: 50,
  backoffMs: (attempt: number) => Math.min(attempt, 10),
};

/**
 * The two steps after a claim. Per agent, ONE append takes all its slots (capacity checked per
 * take by the agent decider); each consultation taken is then assigned with the plan's reason.
 * A refused take leaves the entry to be put back; a refused assignment releases the slot and
 * puts the entry back only when the consultation still waits.
 */
export class AssignmentExecutor {
  /** Takes through one writer per agent stream: cached state, only the tail read per take. */
  readonly agents: StreamWriter<TakeMany, AgentEvent, AgentState>;
  /** Assigns through one writer per consultation stream, primed from the opening the router saw. */
  readonly consultations: StreamWriter<ConsultationCommand, ConsultationEvent, ConsultationState>;

  constructor(private readonly deps: ExecutorDeps) {
    this.agents = new StreamWriter(deps.store, agentBatchDecider, {
      ...AGENT_STREAM_OPTIONS,
      maxAttempts: STREAM_RETRIES.maxAttempts,
      maxCachedStreams: 10_000,
    });
    this.consultations = new StreamWriter(deps.store, deps.decider, {
      maxAttempts: STREAM_RETRIES.maxAttempts,
      maxCachedStreams: 10_000,
    });
  }

  /**
   * A consultation's first event as a subscription delivered it: its state at revision 0 is
   * known, so its assignment needs no read (a later event not seen here only costs a conflict).
   */
  opened(event: ConsultationOpened, revision: number): void {
    if (revision !== 0) return;
    const { decider } = this.deps;
    const state = decider.evolve(decider.initialState, event);
    this.consultations.prime(consultationStream(event.data.consultationId), state, 0);
  }

  async execute(claimed: readonly Claimed[]): Promise<ExecutionOutcome> {
    const byAgent = new Map<string, Claimed[]>();
    for (const c of claimed) {
      const list = byAgent.get(c.agentId);
      if (list === undefined) byAgent.set(c.agentId, [c]);
      else list.push(c);
    }
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
      const result = await this.agents.write(agentStream(agentId), command);
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
    const commandId = randomUUID();
    const command = {
      type: 'assign',
      data: { agentId, reason: c.reason },
      metadata: { commandId, now: this.deps.clock.now() },
    } as ConsultationCommand;
    try {
      await this.consultations.write(consultationStream(consultationId), command);
      return 'assigned';
    } catch (error) {
      this.deps.logger.debug(`assign ${consultationId} to ${agentId}: ${describeError(error)}`);
      await this.release(agentId, consultationId, `${commandId}:release`);
      return this.stillPending(consultationId);
    }
  }

  private async release(agentId: string, consultationId: string, commandId: string) {
    const command: AgentCommand = {
      type: 'releaseConsultation',
      data: { consultationId, reason: 'assign_failed' },
      metadata: { commandId, now: this.deps.clock.now() },
    };
    try {
      const result = await handleCommand(
        this.deps.store,
        agentStream(agentId),
        agentDecider,
        command,
        { ...STREAM_RETRIES, ...AGENT_STREAM_OPTIONS },
      );
      this.deps.directory.observe(agentId, result.state, result.revision);
    } catch (error) {
      this.deps.logger.error(`release ${consultationId} on ${agentId}: ${describeError(error)}`);
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
}
