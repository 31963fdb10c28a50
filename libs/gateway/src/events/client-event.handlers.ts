import { Inject, Injectable, Logger } from '@nestjs/common';
import { FAN_OUT, type FanOut } from '@switchboard/delivery/fan-out/fan-out.port';
import { type SocketIdentity } from '../connections/handshake.middleware';
import { edgeCallerOf } from '../edge/edge-caller';
import { EDGE_SERVICES, type EdgeServices } from '../edge/edge-services.port';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import {
  ConsultationOpenPayload,
  ConsultationRatePayload,
  ConversationReadPayload,
  ConversationSyncPayload,
  MessageSendPayload,
  TypingPayload,
} from './client-event.payloads';
import { MembersCache } from './members.cache';

/** Who sent a client event: the handshake's identity and the socket it came on. */
export interface EventCaller extends SocketIdentity {
  readonly wsid: string;
}

/** What a successful ack carries besides `ok: true`. */
export type AckBody = Readonly<Record<string, unknown>>;

/** One client event: its payload class and what it does with a valid payload. */
export interface ClientEventRoute<T extends object = object> {
  readonly payload: new () => T;
  handle(caller: EventCaller, payload: T): Promise<AckBody>;
}

/**
 * The client → server events of the v1 socket contract, each translated into one call of the
 * EdgeServices port (Nest's sample/02-gateways: the gateway only translates). Whether the
 * contexts run in this process or behind HTTP is the port adapter's business.
 */
@Injectable()
export class ClientEventHandlers {
  readonly routes: ReadonlyMap<string, ClientEventRoute>;
  private readonly logger = new Logger('SwitchboardGateway');

  constructor(
    @Inject(EDGE_SERVICES) private readonly edge: EdgeServices,
    private readonly members: MembersCache,
    @Inject(FAN_OUT) private readonly fanOut: FanOut,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {
    const routes = new Map<string, ClientEventRoute>();
    const add = <T extends object>(event: string, route: ClientEventRoute<T>): void =>
      void routes.set(event, route as unknown as ClientEventRoute);
    add('message.send', { payload: MessageSendPayload, handle: (c, p) => this.send(c, p) });
    add('conversation.sync', {
      payload: ConversationSyncPayload,
      handle: (c, p) => this.sync(c, p),
    });
    add('conversation.read', {
      payload: ConversationReadPayload,
      handle: (c, p) => this.read(c, p),
    });
    add('typing', { payload: TypingPayload, handle: (c, p) => this.typing(c, p) });
    add('consultation.open', {
      payload: ConsultationOpenPayload,
      handle: (c, p) => this.open(c, p),
    });
    add('consultation.rate', {
      payload: ConsultationRatePayload,
      handle: (c, p) => this.rate(c, p),
    });
    this.routes = routes;
  }

  /** Acks once the append is durable (the command resolves only then). */
  private async send(caller: EventCaller, payload: MessageSendPayload): Promise<AckBody> {
    const { conversationId, clientMsgId, type, text, attachmentId, internal } = payload;
    const body = {
      clientMsgId,
      type,
      ...(text === undefined ? {} : { text }),
      ...(attachmentId === undefined ? {} : { attachmentId }),
      ...(internal === undefined ? {} : { internal }),
    };
    const message = await this.edge.postMessage(edgeCallerOf(caller), conversationId, body);
    return { message };
  }

  private async sync(caller: EventCaller, payload: ConversationSyncPayload): Promise<AckBody> {
    const cursors = payload.cursors.map(({ conversationId, afterSeq }) => ({
      conversationId,
      afterSeq,
    }));
    const options = payload.limit === undefined ? {} : { limit: payload.limit };
    const { messages, more } = await this.edge.syncMessages(edgeCallerOf(caller), cursors, options);
    return { messages, more };
  }

  private async read(caller: EventCaller, payload: ConversationReadPayload): Promise<AckBody> {
    const result = await this.edge.markRead(
      edgeCallerOf(caller),
      payload.conversationId,
      caller.deviceId,
      payload.seq,
    );
    return { seq: result.seq };
  }

  /** The typist's other devices get it too; the socket it came from does not. */
  private async typing(caller: EventCaller, payload: TypingPayload): Promise<AckBody> {
    const conversation = await this.members.conversation(
      edgeCallerOf(caller),
      payload.conversationId,
    );
    await this.fanOut.fanOut(
      conversation.members.map(({ userId, role }) => ({ userId, role })),
      'typing',
      { conversationId: conversation.id, userId: caller.user.userId, typing: payload.typing },
      { exceptWsid: caller.wsid, domain: conversation.domain },
    );
    return {};
  }

  /**
   * Acks only once the consultation's conversation exists (it is created from the opened
   * event a moment later), so the client can send into it straight away. If it is not there
   * within `openWaitMs` the ack is still ok: the consultation exists.
   */
  private async open(caller: EventCaller, payload: ConsultationOpenPayload): Promise<AckBody> {
    const { domain, group, subject, context, requestId } = payload;
    const body = {
      domain,
      ...(group === undefined ? {} : { group }),
      ...(subject === undefined ? {} : { subject }),
      ...(context === undefined ? {} : { context }),
    };
    const edgeCaller = edgeCallerOf(caller, requestId);
    const opened = await this.edge.openConsultation(edgeCaller, body);
    try {
      await this.edge.getConversation(edgeCaller, opened.conversationId, {
        waitMs: this.options.openWaitMs,
      });
    } catch (error) {
      // The open is durable: answering an error would make the client open a second one.
      this.logger.warn(`Conversation ${opened.conversationId} not ready: ${String(error)}`);
    }
    return {
      consultation: { id: opened.id, conversationId: opened.conversationId, state: opened.state },
    };
  }

  private async rate(caller: EventCaller, payload: ConsultationRatePayload): Promise<AckBody> {
    const { consultationId, score, comment } = payload;
    await this.edge.rateConsultation(edgeCallerOf(caller), consultationId, {
      score,
      ...(comment === undefined ? {} : { comment }),
    });
    return {};
  }
}
