import { type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import {
  type QueueEntry,
  type QueueState,
  type RoutingConfig,
  routingKeyOf,
} from '@switchboard/routing';
import {
  type AgentEvent,
  CONSULTATION_STREAM_PREFIX,
  type ConsultationDecider,
  type ConsultationEvent,
} from '../../domain';
import { type AgentDirectory } from '../agents-view/agent-directory';
import {
  describeError,
  type RuntimeLogger,
  silentLogger,
} from '../process-managers/runtime.logger';
import { SubscriptionRunner } from '../process-managers/subscription.runner';
import { type QueuePositionNotifier } from './queue-position.notifier';
import { QueueDrainer } from './queue.drainer';
import { recoverOrphanedSlots } from './slot.recovery';

export interface RouterDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly decider: ConsultationDecider;
  readonly directory: AgentDirectory;
  readonly config: RoutingConfig;
  readonly notifier: QueuePositionNotifier;
  readonly logger?: RuntimeLogger;
}

interface Tracked {
  status: 'pending' | 'assigned' | 'resolved';
  entry: QueueEntry;
  /** Revision of the last event of the consultation's stream the router saw. */
  revision?: number;
  /** The agent it last timed out on or was taken from. */
  avoid?: string;
  /** Reopened: the agent who resolved it, offered it first. */
  previous?: string;
}

const ROUTED_EVENTS = [
  'ConsultationOpened',
  'ConsultationAssigned',
  'ConsultationRequeued',
  'ConsultationTransferred',
  'ConsultationResolved',
  'ConsultationReopened',
  'ConsultationClosed',
];

/** Agent events after which someone waiting may now fit. */
const CAPACITY_EVENTS = new Set<AgentEvent['type']>([
  'AgentConsultationReleased',
  'AgentCapacityChanged',
  'AgentGroupsChanged',
  'AgentSkillsChanged',
  'AgentWeightChanged',
]);

/**
 * Routes consultations as they enter the queue and whenever capacity appears. Each waiting
 * consultation is enqueued in its routing key's queue stream and the queue drained FIFO, so a
 * newcomer never overtakes someone already waiting. Drains of one queue run one after another
 * in this process (a promise chain per key, arrivals batched into the next run); across
 * processes the streams' expected revisions keep it safe. While catching up on history it only
 * tracks state; once caught up it enqueues whatever still waits and drains every queue.
 */
export class Router {
  private readonly tracked = new Map<string, Tracked>();
  private readonly arrivals = new Map<string, QueueEntry[]>();
  private readonly scheduled = new Set<string>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly runner: SubscriptionRunner;
  private readonly drainer: QueueDrainer;
  private readonly logger: RuntimeLogger;
  private unlisten: (() => void) | undefined;
  private running = false;

  constructor(private readonly deps: RouterDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.drainer = new QueueDrainer({
      ...deps,
      logger: this.logger,
      avoidFor: (id) => this.tracked.get(id)?.avoid,
      previousAgentOf: (id) => this.tracked.get(id)?.previous,
      revisionOf: (id) => this.tracked.get(id)?.revision,
    });
    this.runner = new SubscriptionRunner(
      deps.store,
      {
        name: 'Router',
        filter: { streamPrefixes: [CONSULTATION_STREAM_PREFIX], eventTypes: ROUTED_EVENTS },
        logger: this.logger,
      },
      (event, live) => this.onConsultationEvent(event, live),
    );
  }

  /** Needs the AgentDirectory started (caught up) first. */
  async start(): Promise<void> {
    this.running = true;
    this.unlisten = this.deps.directory.onChange((_, event) => this.onAgentEvent(event));
    await this.runner.start();
    // Before this process drains anything: a take a crash left without its assignment.
    await recoverOrphanedSlots({ ...this.deps, logger: this.logger });
    for (const t of this.tracked.values()) {
      if (t.status === 'pending') this.schedule(routingKeyOf(t.entry), t.entry);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unlisten?.();
    await this.runner.stop();
    await this.idle();
  }

  /** Resolves when no drain is running or scheduled. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Last consultation event position the router has seen. */
  get position(): number {
    return this.runner.position;
  }

  /** A queue as this router last saw it, for live views. */
  queue(key: string): QueueState | undefined {
    return this.drainer.queue(key);
  }

  /** Drains every queue the router knows (e.g. after an operator changed the config). */
  drainAll(): void {
    for (const key of this.keys()) this.schedule(key);
  }

  private onConsultationEvent(recorded: RecordedEvent, live: boolean): void {
    // The id from the stream name, and no look at the data where the type says enough: an
    // assignment's data is its ~5 KB reason, which the store parses only if someone reads it.
    const id = recorded.streamId.slice(CONSULTATION_STREAM_PREFIX.length);
    const t = this.tracked.get(id);
    if (t !== undefined) t.revision = recorded.revision;
    if (recorded.type === 'ConsultationAssigned') {
      if (t !== undefined) {
        t.status = 'assigned';
        t.previous = undefined;
      }
      return;
    }
    const event = { type: recorded.type, version: 1, data: recorded.data } as ConsultationEvent;
    switch (event.type) {
      case 'ConsultationOpened': {
        if (live) this.drainer.opened(event, recorded.revision);
        const { domain, group, at } = event.data;
        const entry: QueueEntry = { consultationId: id, domain, group, at };
        return this.wait(id, { status: 'pending', entry }, live, recorded.revision);
      }
      case 'ConsultationRequeued':
        if (t === undefined) return;
        return this.wait(
          id,
          { status: 'pending', entry: t.entry, avoid: event.data.agentId },
          live,
          recorded.revision,
        );
      case 'ConsultationTransferred': {
        const to = event.data.to;
        if (t === undefined || !('group' in to)) return;
        const entry = { ...t.entry, group: to.group, at: event.data.at };
        const avoid = event.data.fromAgentId;
        return this.wait(id, { status: 'pending', entry, avoid }, live, recorded.revision);
      }
      case 'ConsultationResolved':
        if (t !== undefined) t.status = 'resolved';
        return;
      case 'ConsultationReopened':
        if (t === undefined) return;
        return this.wait(
          id,
          {
            status: 'pending',
            entry: { ...t.entry, at: event.data.at },
            previous: event.data.previousAgentId,
          },
          live,
          recorded.revision,
        );
      case 'ConsultationClosed':
        this.tracked.delete(id);
        if (live && t?.status === 'pending') this.remove(routingKeyOf(t.entry), id);
        return;
      default:
        return;
    }
  }

  private wait(id: string, tracked: Tracked, live: boolean, revision: number): void {
    tracked.revision = revision; // a fresh object from the caller
    this.tracked.set(id, tracked);
    if (live) this.schedule(routingKeyOf(tracked.entry), tracked.entry);
  }

  private onAgentEvent(event: AgentEvent): void {
    const online = event.type === 'AgentStatusChanged' && event.data.status === 'online';
    if (online || CAPACITY_EVENTS.has(event.type)) this.drainAll();
  }

  private keys(): Set<string> {
    const keys = new Set<string>(this.arrivals.keys());
    for (const t of this.tracked.values()) {
      if (t.status === 'pending') keys.add(routingKeyOf(t.entry));
    }
    return keys;
  }

  private schedule(key: string, entry?: QueueEntry): void {
    if (!this.running) return;
    if (entry !== undefined) {
      // Pushed, not copied: a page of 1,000 opens used to copy the list per arrival.
      const waiting = this.arrivals.get(key);
      if (waiting === undefined) this.arrivals.set(key, [entry]);
      else waiting.push(entry);
    }
    if (this.scheduled.has(key)) return;
    this.scheduled.add(key);
    this.enqueueWork(key, async () => {
      // One turn of the event loop first: arrivals delivered in the same page join this drain.
      await new Promise((resolve) => setImmediate(resolve));
      this.scheduled.delete(key);
      const arrivals = this.arrivals.get(key) ?? [];
      this.arrivals.delete(key);
      await this.drainer.drain(key, arrivals);
    });
  }

  private remove(key: string, consultationId: string): void {
    this.enqueueWork(key, () => this.drainer.remove(key, consultationId));
  }

  private enqueueWork(key: string, work: () => Promise<void>): void {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => {
      this.logger.error(`Router: queue ${key}: ${describeError(error)}`);
    });
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }
}
