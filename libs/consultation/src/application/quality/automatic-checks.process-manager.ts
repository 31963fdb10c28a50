import { handleCommand } from '@switchboard/es-core';
import { type EventStore, type RecordedEvent } from '@switchboard/event-store';
import {
  CONSULTATION_STREAM_PREFIX,
  type ConsultationClosed,
  type ConsultationOpened,
  consultationStream,
} from '../../domain';
import { autoReplyStream } from '../../domain/service-hours/auto-reply.decider';
import { computeAutomaticChecks, inspectionDecider, inspectionStream } from '../../domain/quality';
import { type RuntimeLogger, silentLogger } from '../process-managers/runtime.logger';
import { SubscriptionRunner } from '../process-managers/subscription.runner';
import { type MessageTexts, type QualitySettings } from './quality.settings';

export interface AutomaticChecksDeps {
  readonly store: EventStore;
  readonly settings: QualitySettings;
  readonly texts: MessageTexts;
  readonly logger?: RuntimeLogger;
}

/** Command id of the checks for one close: a replay (or a rebuild from 0) appends nothing. */
export const checksCommandId = (closedEventId: string): string => `qa-checks:${closedEventId}`;

/**
 * On every `ConsultationClosed` (catch-up from position 0, last position kept by the runner)
 * computes the automatic checks from the consultation's events up to that close, plus the
 * greetings of its `auto-reply-<id>` stream issued no later than the close, and records them
 * as `AutomaticChecksRecorded` in `qa-inspection-<consultationId>`. Event ids derive from the
 * close's event id and the decider skips a close already recorded, so replays are no-ops.
 */
export class AutomaticChecksProcessManager {
  private readonly runner: SubscriptionRunner;
  private readonly logger: RuntimeLogger;

  constructor(private readonly deps: AutomaticChecksDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.runner = new SubscriptionRunner(
      deps.store,
      {
        name: 'AutomaticChecksProcessManager',
        filter: {
          streamPrefixes: [CONSULTATION_STREAM_PREFIX],
          eventTypes: ['ConsultationClosed'],
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

  get position(): number {
    return this.runner.position;
  }

  private async handle(closed: RecordedEvent): Promise<void> {
    const { consultationId, at: closedAt } = closed.data as ConsultationClosed['data'];
    const stream = await this.deps.store.readStream(consultationStream(consultationId));
    const upToClose = stream.slice(0, stream.findIndex((e) => e.id === closed.id) + 1);
    const replies = (await this.deps.store.readStream(autoReplyStream(consultationId))).filter(
      (e) => ((e.data as { at?: string }).at ?? '') <= closedAt,
    );
    const opened = upToClose.find((e) => e.type === 'ConsultationOpened');
    const conversationId = (opened?.data as ConsultationOpened['data'] | undefined)?.conversationId;
    const texts =
      conversationId === undefined ? null : await this.deps.texts.textsOf(conversationId);
    const checks = computeAutomaticChecks(
      [...replies, ...upToClose],
      this.deps.settings.firstResponseSlaSeconds,
      this.deps.settings.bannedWords,
      texts,
    );
    await handleCommand(this.deps.store, inspectionStream(consultationId), inspectionDecider, {
      type: 'recordAutomaticChecks',
      data: { consultationId, triggerEventId: closed.id, closedAt, checks },
      metadata: {
        commandId: checksCommandId(closed.id),
        now: new Date(closedAt),
        correlationId: closed.id,
        causationId: closed.id,
      },
    });
  }
}
