import { type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { type AgentSnapshot } from '@switchboard/routing';
import {
  AGENT_STREAM_PREFIX,
  type AgentEvent,
  type AgentState,
  agentIdOf,
  evolveAgent,
  initialAgentState,
  type RegisteredAgent,
} from '../../domain';
import { loadAgent, toAgentEvent } from '../command-context/agent-stream';
import { SubscriptionRunner } from '../process-managers/subscription.runner';
import { type RuntimeLogger } from '../process-managers/runtime.logger';

/** One agent as the directory knows it: the folded aggregate state and its stream revision. */
export interface AgentView {
  readonly agent: RegisteredAgent;
  /** Revision of the last event folded in. */
  readonly revision: number;
}

/** Told after each agent event is applied live (not while the directory catches up). */
export type AgentChangeListener = (agentId: string, event: AgentEvent) => void;

/**
 * In-memory projection of every agent (`agent-` streams), from position 0. Idempotent twice
 * over: the runner skips positions already applied, and each agent keeps the revision it has
 * folded, so an event is never counted twice even when the router feeds it a fresher state
 * (`observe`) before the subscription delivers the same events.
 */
export class AgentDirectory {
  private readonly agents = new Map<string, AgentView>();
  private readonly listeners: AgentChangeListener[] = [];
  private readonly runner: SubscriptionRunner;

  constructor(
    private readonly store: EventStore,
    logger?: RuntimeLogger,
  ) {
    this.runner = new SubscriptionRunner(
      store,
      { name: 'AgentDirectory', filter: { streamPrefixes: [AGENT_STREAM_PREFIX] }, logger },
      (event, live) => this.apply(event, live),
    );
  }

  /** Resolves once every agent stored at start is loaded. */
  start(): Promise<void> {
    return this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** Last global position applied. */
  get position(): number {
    return this.runner.position;
  }

  onChange(listener: AgentChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  get(agentId: string): AgentView | undefined {
    return this.agents.get(agentId);
  }

  list(): AgentView[] {
    return [...this.agents.values()].sort((a, b) => compare(a.agent.agentId, b.agent.agentId));
  }

  /** Every registered agent as routing sees it, in agent id order. */
  snapshots(): AgentSnapshot[] {
    return this.list().map(({ agent }) => toSnapshot(agent));
  }

  /** A fresher state a command just produced (the router's take or release). */
  observe(agentId: string, state: AgentState, revision: number): void {
    if (state.status === 'unregistered') return;
    const known = this.agents.get(agentId);
    if (known === undefined || revision > known.revision) {
      this.agents.set(agentId, { agent: state, revision });
    }
  }

  /** Re-reads one agent's stream: after a rejected take, the directory was behind. */
  async refresh(agentId: string): Promise<AgentView | undefined> {
    const { state, revision } = await loadAgent(this.store, agentId);
    if (revision === -1) return this.agents.get(agentId);
    this.observe(agentId, state, revision);
    return this.agents.get(agentId);
  }

  private apply(recorded: RecordedEvent, live: boolean): void {
    const agentId = agentIdOf(recorded.streamId);
    if (agentId === null) return;
    const known = this.agents.get(agentId);
    const event = toAgentEvent(recorded);
    if (known !== undefined && recorded.revision <= known.revision) {
      if (live) this.notify(agentId, event);
      return;
    }
    const state = evolveAgent(known?.agent ?? initialAgentState, event);
    if (state.status !== 'unregistered') {
      this.agents.set(agentId, { agent: state, revision: recorded.revision });
    }
    if (live) this.notify(agentId, event);
  }

  private notify(agentId: string, event: AgentEvent): void {
    for (const listener of this.listeners) listener(agentId, event);
  }
}

export function toSnapshot(agent: RegisteredAgent): AgentSnapshot {
  return {
    agentId: agent.agentId,
    status: agent.status,
    capacity: agent.capacity,
    load: agent.held.length,
    weight: agent.weight,
    groups: agent.groups,
    skills: agent.skills,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
