import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { BUS, type Bus, type ConsumedMessage, GroupConsumer } from '@switchboard/bus';
import {
  type ConsultationEventsV1,
  deadLetterOf,
  dlqTopic,
  type Envelope,
  parseEnvelope,
  TOPICS,
} from '@switchboard/contracts';
import { DomainError } from '@switchboard/es-core';
import { type Actor, type ConversationCommand, ConversationErrorCode } from '../../domain';
import { ConversationWriter } from '../command-context/conversation.writer';
import { ConversationsProjection } from '../conversations-view/conversations.projection';

const MAPPING_WAIT_MS = 5000;
const SYSTEM: Actor = { userId: 'system', role: 'system' };
/** Outcomes that mean "already done": the bus redelivers, the log may be replayed. */
const ALREADY_DONE = new Set<string>([ConversationErrorCode.Exists]);

type Known = {
  [T in keyof ConsultationEventsV1]: Envelope<T, ConsultationEventsV1[T]>;
}[keyof ConsultationEventsV1];

/**
 * Consultation conversations follow their consultation (consumer group `conversation` on
 * `consultation.events.v1`): opened → created with the customer, assigned → agent added,
 * requeued / transferred → that agent removed, closed → closed, auto reply → system message.
 * Command ids derive from the envelope id, so a redelivered message appends nothing. A message
 * that is malformed is parked on `consultation.events.v1.dlq`; one the domain refuses is logged
 * and skipped; a store failure is thrown so the bus delivers the message again.
 */
@Injectable()
export class ConsultationEventsConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('ConsultationEventsConsumer');
  private readonly group: GroupConsumer;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly writer: ConversationWriter,
    private readonly projection: ConversationsProjection,
  ) {
    this.group = new GroupConsumer(
      {
        bus: this.bus,
        groupId: 'conversation',
        topics: [TOPICS.consultationEvents],
        ensureTopics: [TOPICS.consultationEvents, dlqTopic(TOPICS.consultationEvents)],
        logger: this.logger,
      },
      (message) => this.handle(message),
    );
  }

  /** Joins the group; a bus not ready yet is retried, never failing the application's start. */
  onApplicationBootstrap(): Promise<void> {
    return this.group.start();
  }

  /** Before the read model and the store stop: an in-flight message finishes its writes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.group.stop();
  }

  async handle(message: ConsumedMessage): Promise<void> {
    let envelope: Known;
    try {
      envelope = parseEnvelope<Known>(message.value, message.topic);
    } catch (error) {
      return this.deadLetter(message, String(error));
    }
    const missing = missingFields(envelope);
    if (missing.length > 0) {
      return this.deadLetter(message, `${envelope.type} ${envelope.id}: no ${missing.join(', ')}`);
    }
    try {
      await this.apply(envelope);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (!ALREADY_DONE.has(error.code)) {
        this.logger.warn(`${envelope.type} ${envelope.id} skipped: ${error.code} ${error.message}`);
      }
    }
  }

  private async deadLetter(message: ConsumedMessage, reason: string): Promise<void> {
    this.logger.warn(`${message.partition}/${message.offset} to the DLQ: ${reason}`);
    await this.bus.publish(deadLetterOf(message, reason));
  }

  private async apply(envelope: Known): Promise<void> {
    const meta = (scope: string) =>
      this.writer.systemMetadata(envelope.id, scope, envelope.correlationId);
    switch (envelope.type) {
      case 'ConsultationOpened': {
        const { conversationId, consultationId, customerId, domain } = envelope.data;
        const result = await this.writer.write(conversationId, {
          type: 'create',
          data: {
            conversationId,
            kind: 'consultation',
            members: [{ userId: customerId, role: 'customer', memberRole: 'member' }],
            domain,
            consultationId,
            actor: SYSTEM,
          },
          metadata: meta('create'),
        });
        // Later events name only the consultation: let the read model learn the mapping.
        await this.projection.waitForPosition(result.position, 5000);
        return;
      }
      case 'ConsultationAssigned':
        return this.onConsultation(envelope.data.consultationId, (conversationId) => ({
          type: 'addMember',
          data: {
            conversationId,
            userId: envelope.data.agentId,
            role: 'agent',
            memberRole: 'member',
            actor: SYSTEM,
          },
          metadata: meta('add-agent'),
        }));
      case 'ConsultationRequeued':
      case 'ConsultationTransferred': {
        const agentId =
          envelope.type === 'ConsultationRequeued'
            ? envelope.data.agentId
            : envelope.data.fromAgentId;
        return this.onConsultation(envelope.data.consultationId, (conversationId) => ({
          type: 'removeMember',
          data: { conversationId, userId: agentId, actor: SYSTEM },
          metadata: meta('remove-agent'),
        }));
      }
      case 'ConsultationClosed':
        return this.onConsultation(envelope.data.consultationId, (conversationId) => ({
          type: 'close',
          data: { conversationId, reason: envelope.data.reason, actor: SYSTEM },
          metadata: meta('close'),
        }));
      case 'AutoReplyIssued': {
        const { conversationId, text } = envelope.data;
        const clientMsgId = `auto-reply:${envelope.id}`;
        await this.writer.write(conversationId, {
          type: 'postMessage',
          data: {
            conversationId,
            messageId: meta(clientMsgId).commandId,
            clientMsgId,
            type: 'system',
            text,
            attachment: null,
            internal: false,
            moderation: { action: 'allow' },
            actor: SYSTEM,
          },
          metadata: meta('auto-reply'),
        });
        return;
      }
      default:
        return; // accepted, resolved, reopened, rated: nothing changes in the conversation
    }
  }

  private async onConsultation(
    consultationId: string,
    build: (conversationId: string) => ConversationCommand,
  ): Promise<void> {
    // The read model may lag the ConsultationOpened this consumer (or another process) handled.
    const conversationId = await this.projection.waitForConsultation(
      consultationId,
      MAPPING_WAIT_MS,
    );
    if (conversationId === undefined) {
      this.logger.warn(`no conversation for consultation ${consultationId}; event skipped`);
      return;
    }
    await this.writer.write(conversationId, build(conversationId));
  }
}

/** Fields this consumer relies on, per type (no data schema is registered for the topic yet). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  ConsultationOpened: ['consultationId', 'customerId', 'domain', 'conversationId'],
  ConsultationAssigned: ['consultationId', 'agentId'],
  ConsultationRequeued: ['consultationId', 'agentId'],
  ConsultationTransferred: ['consultationId', 'fromAgentId'],
  ConsultationClosed: ['consultationId', 'reason'],
  AutoReplyIssued: ['consultationId', 'conversationId', 'text'],
};

function missingFields(envelope: Envelope): string[] {
  const data = (
    typeof envelope.data === 'object' && envelope.data !== null ? envelope.data : {}
  ) as Record<string, unknown>;
  return (REQUIRED[envelope.type] ?? []).filter(
    (field) => typeof data[field] !== 'string' || (data[field] as string).length === 0,
  );
}
