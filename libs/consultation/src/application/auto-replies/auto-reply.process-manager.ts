import { type Command, handleCommand } from '@switchboard/es-core';
import { type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import {
  queueDecider,
  type QueueEntry,
  type QueueEvent,
  type QueueState,
} from '@switchboard/routing';
import {
  CONSULTATION_STREAM_PREFIX,
  type ConsultationOpened,
  consultationStream,
} from '../../domain';
import {
  type AutoReplyCommand,
  autoReplyDecider,
  type AutoReplyKind,
  autoReplyStream,
  formatInZone,
  isOpen,
  nextOpening,
  renderTemplate,
} from '../../domain/service-hours';
import {
  describeError,
  type RuntimeLogger,
  silentLogger,
} from '../process-managers/runtime.logger';
import { SubscriptionRunner } from '../process-managers/subscription.runner';
import { foldQueue } from '../routing/queue-batch.decider';
import { effectiveSettings } from './service-settings.reader';

export interface AutoReplierDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly logger?: RuntimeLogger;
}

const QUEUE_STREAM_PREFIX = 'queue-';

/**
 * Automatic replies, recorded as `AutoReplyIssued` in `auto-reply-<consultationId>`:
 * - ConsultationOpened: out of the group's (else domain's) business hours and with an
 *   out-of-hours template, that reply with the next opening in the schedule's zone; otherwise
 *   the greeting. Hours are judged at the event's own `at`, not at handling time.
 * - ConsultationEnqueued: the queue message with the position the consultation got (1 = next).
 * Settings are read as they were when the trigger was stored, and the command id derives from
 * the trigger's event id, so a redelivery or a replay after a restart writes nothing new.
 */
export class AutoReplier {
  private readonly runner: SubscriptionRunner;
  /** Per queue stream: its fold up to the last queue event handled (see `queueAt`). */
  private readonly queues = new Map<string, { revision: number; state: QueueState }>();
  private readonly logger: RuntimeLogger;

  constructor(private readonly deps: AutoReplierDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.runner = new SubscriptionRunner(
      deps.store,
      {
        name: 'AutoReplier',
        filter: {
          streamPrefixes: [CONSULTATION_STREAM_PREFIX, QUEUE_STREAM_PREFIX],
          eventTypes: ['ConsultationOpened', 'ConsultationEnqueued'],
        },
        logger: this.logger,
      },
      (event) => this.handle(event),
    );
  }

  start(): Promise<void> {
    return this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  private async handle(recorded: RecordedEvent): Promise<void> {
    if (recorded.type === 'ConsultationOpened') {
      return this.opened(recorded, recorded.data as ConsultationOpened['data']);
    }
    if (recorded.streamId.startsWith(QUEUE_STREAM_PREFIX)) {
      return this.enqueued(recorded, recorded.data as QueueEntry);
    }
  }

  private async opened(recorded: RecordedEvent, data: ConsultationOpened['data']): Promise<void> {
    const { hours, templates } = await effectiveSettings(this.deps.store, data, recorded.position);
    if (templates === null) return;
    const at = new Date(data.at);
    if (hours !== null && !isOpen(hours, at) && templates.outOfHoursMessage !== null) {
      const next = nextOpening(hours, at);
      const text = renderTemplate(templates.outOfHoursMessage, {
        nextOpening: next === null ? 'later' : formatInZone(hours, next),
      });
      return this.issue(recorded.id, data, 'out_of_hours', text);
    }
    if (templates.greeting !== null) {
      return this.issue(recorded.id, data, 'greeting', templates.greeting);
    }
  }

  private async enqueued(recorded: RecordedEvent, entry: QueueEntry): Promise<void> {
    const opened = await this.openedEvent(entry.consultationId);
    if (opened === null) return;
    const { templates } = await effectiveSettings(this.deps.store, opened, recorded.position);
    const template = templates?.queueMessage ?? null;
    if (template === null) return;
    const queue = await this.queueAt(recorded.streamId, recorded.revision);
    const index = queue.entries.findIndex((e) => e.consultationId === entry.consultationId);
    if (index < 0) return;
    const text = renderTemplate(template, { position: String(index + 1) });
    return this.issue(recorded.id, opened, 'queue_position', text);
  }

  /**
   * The queue as of `revision`. Events come in log order, so each queue's fold is kept and only
   * the events since are read: re-reading the stream per arrival cost the whole history of the
   * queue (it only grows) for every customer who joins it. A redelivery from further back
   * (after a restart) is folded from the start, without touching the kept fold.
   */
  private async queueAt(streamId: string, revision: number): Promise<QueueState> {
    const kept = this.queues.get(streamId);
    const from = kept !== undefined && kept.revision <= revision ? kept : undefined;
    const tail = await this.deps.store.readStream(streamId, {
      fromRevision: (from?.revision ?? -1) + 1,
      maxCount: revision - (from?.revision ?? -1),
    });
    const events = tail.map((e) => ({ type: e.type, version: 1, data: e.data }) as QueueEvent);
    const state = foldQueue(from?.state ?? queueDecider.initialState, events);
    if (from !== undefined || kept === undefined) this.queues.set(streamId, { revision, state });
    return state;
  }

  private async openedEvent(consultationId: string): Promise<ConsultationOpened['data'] | null> {
    const [first] = await this.deps.store.readStream(consultationStream(consultationId), {
      maxCount: 1,
    });
    return first?.type === 'ConsultationOpened' ? (first.data as ConsultationOpened['data']) : null;
  }

  private async issue(
    triggerEventId: string,
    target: { readonly consultationId: string; readonly conversationId: string },
    kind: AutoReplyKind,
    text: string,
  ): Promise<void> {
    const commandId = `auto-reply:${triggerEventId}:${kind}`;
    const metadata: Command['metadata'] = {
      commandId,
      now: this.deps.clock.now(),
      causationId: triggerEventId,
    };
    const command: AutoReplyCommand = {
      type: 'issueAutoReply',
      data: {
        consultationId: target.consultationId,
        conversationId: target.conversationId,
        kind,
        text,
        triggerEventId,
      },
      metadata,
    };
    try {
      await handleCommand(
        this.deps.store,
        autoReplyStream(target.consultationId),
        autoReplyDecider,
        command,
      );
    } catch (error) {
      this.logger.error(`${kind} reply to ${target.consultationId}: ${describeError(error)}`);
    }
  }
}
