import { type Envelope, type MessagePostedData } from '@switchboard/contracts';
import {
  type CommandMetadata,
  handleCommand,
  isDomainError,
  StreamWriter,
} from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import {
  type ConsultationCommand,
  type ConsultationDecider,
  type ConsultationEvent,
  type ConsultationState,
  consultationStream,
} from '../../domain';
import {
  type AutoReplyCommand,
  autoReplyDecider,
  autoReplyStream,
} from '../../domain/service-hours';
import {
  describeError,
  type RuntimeLogger,
  silentLogger,
} from '../process-managers/runtime.logger';

/** The FAQ's automatic answer, as FaqAutoAnswer gives it (null: not sure enough). */
export interface FaqAnswerer {
  answerFor(domain: string, text: string): { readonly answer: string } | null;
}

export interface MessagePostedReactorDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly decider: ConsultationDecider;
  readonly faq: FaqAnswerer;
  readonly logger?: RuntimeLogger;
}

type Side = 'customer' | 'agent';

/**
 * What a posted message means to its consultation:
 * - a customer message reopens a resolved consultation (the decider judges the reopen window)
 *   and records customer activity; the consultation's first customer message is also matched
 *   against the FAQ, and a sure enough answer is issued as an `faq_answer` auto reply;
 * - a staff message records agent activity (first response, idle clock).
 * Internal notes and system messages (auto replies echoed back) are not activity.
 *
 * Idempotent under redelivery: command ids derive from the envelope id, activity not newer
 * than the last is ignored by the decider, and one reply is issued per (trigger, kind).
 */
export class MessagePostedReactor {
  private readonly logger: RuntimeLogger;
  /**
   * Consultation state cached per stream: every message records activity, so re-reading the
   * whole stream per message would make a long chat quadratic.
   */
  private readonly writer: StreamWriter<ConsultationCommand, ConsultationEvent, ConsultationState>;

  constructor(private readonly deps: MessagePostedReactorDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.writer = new StreamWriter(deps.store, deps.decider, { maxCachedStreams: 2_000 });
  }

  async react(envelope: Envelope, message: MessagePostedData): Promise<void> {
    const consultationId = message.consultationId;
    if (consultationId === null || message.internal) return;
    const side = sideOf(message);
    if (side === null) return;
    const before = await this.load(consultationId);
    if (before.status === 'initial') {
      this.logger.warn(`message ${message.messageId}: unknown consultation ${consultationId}`);
      return;
    }
    const at = message.createdAt;
    const base = { envelope, message, consultationId };
    if (side === 'agent') {
      await this.run(base, 'activity', { type: 'recordActivity', data: { by: 'agent', at } });
      return;
    }
    // Its first customer message: none recorded yet, or this very one (a redelivery).
    const first =
      before.lastCustomerActivityAt === null ||
      Date.parse(before.lastCustomerActivityAt) === Date.parse(at);
    if (before.status === 'resolved') {
      await this.run(base, 'reopen', { type: 'reopen', data: { at } });
    }
    const after = await this.run(base, 'activity', {
      type: 'recordActivity',
      data: { by: 'customer', at },
    });
    if (after === null || after.status === 'initial') return;
    if (first && message.type === 'text' && message.text !== null) {
      await this.answerFromFaq(envelope, message, after.domain, message.text);
    }
  }

  private async answerFromFaq(
    envelope: Envelope,
    message: MessagePostedData,
    domain: string,
    text: string,
  ): Promise<void> {
    const match = this.deps.faq.answerFor(domain, text);
    if (match === null) return;
    const consultationId = message.consultationId as string;
    const command: AutoReplyCommand = {
      type: 'issueAutoReply',
      data: {
        consultationId,
        conversationId: message.conversationId,
        kind: 'faq_answer',
        text: match.answer,
        triggerEventId: envelope.id,
      },
      metadata: this.metadata(envelope, 'faq-answer'),
    };
    await handleCommand(
      this.deps.store,
      autoReplyStream(consultationId),
      autoReplyDecider,
      command,
    );
  }

  /** The state after the command, or null when the decider refused it (logged, not thrown). */
  private async run(
    { envelope, consultationId }: { envelope: Envelope; consultationId: string },
    step: string,
    partial: Omit<ConsultationCommand, 'metadata'>,
  ): Promise<ConsultationState | null> {
    const command = { ...partial, metadata: this.metadata(envelope, step) } as ConsultationCommand;
    try {
      return (await this.writer.write(consultationStream(consultationId), command)).state;
    } catch (error) {
      // A closed consultation, an expired reopen window...: the message changes nothing here.
      if (!isDomainError(error)) throw error;
      this.logger.debug(`${step} on ${consultationId}: ${describeError(error)}`);
      return null;
    }
  }

  private metadata(envelope: Envelope, step: string): CommandMetadata {
    const commandId = `im-message:${envelope.id}:${step}`;
    return {
      commandId,
      now: this.deps.clock.now(),
      correlationId: envelope.correlationId,
      causationId: envelope.id,
    };
  }

  private async load(consultationId: string): Promise<ConsultationState> {
    return (await this.writer.read(consultationStream(consultationId))).state;
  }
}

function sideOf(message: MessagePostedData): Side | null {
  if (message.type === 'system') return null;
  switch (message.senderRole) {
    case 'customer':
      return 'customer';
    case 'agent':
    case 'supervisor':
    case 'admin':
      return 'agent';
    default:
      return null;
  }
}
