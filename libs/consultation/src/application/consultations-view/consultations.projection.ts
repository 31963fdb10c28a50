import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@switchboard/event-store';
import { queueDecider, type QueueEvent, type QueueState } from '@switchboard/routing';
import {
  AGENT_STREAM_PREFIX,
  agentIdOf,
  CONSULTATION_STREAM_PREFIX,
  consultationIdOf,
  evolveAgent,
  evolveConsultation,
  initialAgentState,
  initialConsultationState,
  type OpenedConsultation,
  type RegisteredAgent,
} from '../../domain';
import { toAgentEvent } from '../command-context/agent-stream';
import { toConsultationEvent } from '../command-context/consultation-command.runner';
import { evolveQueue } from '../routing/queue-batch.decider';

const QUEUE_STREAM_PREFIX = 'queue-';

interface Entry {
  /** Global position of the ConsultationOpened event: list order and cursor. */
  readonly openedAt: number;
  readonly state: OpenedConsultation;
}

/**
 * In-memory read model of consultations, agents and queues, fed by a `$all` catch-up
 * subscription from the start (nothing is persisted: a restart rebuilds it from the log).
 * Idempotent by position: an event at or below the last applied position is ignored. The
 * streams stay the truth: single reads fold their stream; lists come from here, so they may lag
 * a write by the subscription's latency.
 */
@Injectable()
export class ConsultationsProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConsultationsProjection.name);
  private readonly consultations = new Map<string, Entry>();
  private readonly agents = new Map<string, RegisteredAgent>();
  private readonly queues = new Map<string, QueueState>();
  /** consultationId → key of the queue it waits in. */
  private readonly waitingIn = new Map<string, string>();
  private subscription: Subscription | undefined;
  private position = 0;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Last applied global position (0 before any). */
  get checkpoint(): number {
    return this.position;
  }

  onApplicationBootstrap(): void {
    const filter = {
      streamPrefixes: [CONSULTATION_STREAM_PREFIX, AGENT_STREAM_PREFIX, QUEUE_STREAM_PREFIX],
    };
    const subscription = this.store.subscribeToAll({ after: this.position, filter }, (event) =>
      this.apply(event),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      this.logger.error({ err: error }, 'Consultations read model stopped');
    });
  }

  /** Before shutdown, while the event store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  apply(event: RecordedEvent): void {
    if (event.position <= this.position) return;
    this.position = event.position;
    const consultationId = consultationIdOf(event.streamId);
    if (consultationId !== null) return this.applyConsultation(consultationId, event);
    const agentId = agentIdOf(event.streamId);
    if (agentId !== null) return this.applyAgent(agentId, event);
    if (event.streamId.startsWith(QUEUE_STREAM_PREFIX)) {
      this.applyQueue(event.streamId.slice(QUEUE_STREAM_PREFIX.length), event);
    }
  }

  consultation(id: string): OpenedConsultation | undefined {
    return this.consultations.get(id)?.state;
  }

  /** Newest first; `before` is an exclusive cursor (the open position of the last item seen). */
  listConsultations(
    keep: (c: OpenedConsultation) => boolean,
    limit: number,
    before?: number,
  ): { items: OpenedConsultation[]; nextCursor: string | null } {
    const entries = [...this.consultations.values()]
      .filter((entry) => before === undefined || entry.openedAt < before)
      .sort((a, b) => b.openedAt - a.openedAt);
    const items: Entry[] = [];
    for (const entry of entries) {
      if (!keep(entry.state)) continue;
      if (items.length === limit) {
        return {
          items: items.map((i) => i.state),
          nextCursor: String(items[items.length - 1].openedAt),
        };
      }
      items.push(entry);
    }
    return { items: items.map((i) => i.state), nextCursor: null };
  }

  agent(id: string): RegisteredAgent | undefined {
    return this.agents.get(id);
  }

  listAgents(): RegisteredAgent[] {
    return [...this.agents.values()].sort((a, b) => a.agentId.localeCompare(b.agentId));
  }

  queue(key: string): QueueState | undefined {
    return this.queues.get(key);
  }

  listQueues(): { key: string; state: QueueState }[] {
    return [...this.queues.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, state]) => ({ key, state }));
  }

  /** Position (1 = next) of a waiting consultation, or undefined when it is not queued. */
  queuePositionOf(consultationId: string): number | undefined {
    const key = this.waitingIn.get(consultationId);
    if (key === undefined) return undefined;
    const index = (this.queues.get(key)?.entries ?? []).findIndex(
      (entry) => entry.consultationId === consultationId,
    );
    return index === -1 ? undefined : index + 1;
  }

  private applyConsultation(id: string, event: RecordedEvent): void {
    const current = this.consultations.get(id);
    const next = evolveConsultation(
      current?.state ?? initialConsultationState,
      toConsultationEvent(event),
    );
    if (next.status === 'initial') return;
    this.consultations.set(id, { openedAt: current?.openedAt ?? event.position, state: next });
  }

  private applyAgent(id: string, event: RecordedEvent): void {
    const next = evolveAgent(this.agents.get(id) ?? initialAgentState, toAgentEvent(event));
    if (next.status !== 'unregistered') this.agents.set(id, next);
  }

  private applyQueue(key: string, event: RecordedEvent): void {
    const queueEvent = {
      type: event.type,
      version: 1,
      data: event.data,
    } as QueueEvent;
    if (queueEvent.type !== 'ConsultationEnqueued' && queueEvent.type !== 'ConsultationDequeued') {
      return;
    }
    const before = this.queues.get(key) ?? queueDecider.initialState;
    // The deferred fold: the line is rebuilt when read, not copied per event (a burst of n
    // arrivals into a long line was O(n²) with queueDecider.evolve; same result, see its spec).
    this.queues.set(key, evolveQueue(before, queueEvent));
    if (queueEvent.type === 'ConsultationEnqueued') {
      this.waitingIn.set(queueEvent.data.consultationId, key);
    } else if (this.waitingIn.get(queueEvent.data.consultationId) === key) {
      this.waitingIn.delete(queueEvent.data.consultationId);
    }
  }
}
