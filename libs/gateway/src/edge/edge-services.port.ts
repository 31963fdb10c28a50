import {
  type ConsultationPage,
  type ConsultationView,
} from '@switchboard/consultation/application/consultations-view/consultation.view';
import { type ListConsultationsQueryDto } from '@switchboard/consultation/application/list-consultations/list-consultations.dto';
import { type OpenConsultationResponse } from '@switchboard/consultation/application/open-consultation/open-consultation.dto';
import { type MarkReadResult } from '@switchboard/conversation/application/mark-read/mark-read.command';
import {
  type SyncCursor,
  type SyncMessagesResult,
} from '@switchboard/conversation/application/sync-messages/sync-messages.query';
import {
  type ConversationView,
  type MessageView,
} from '@switchboard/conversation/application/views/message.view';
import { type AuthUser } from '@switchboard/platform';

/** Who asks through the edge: the socket's user, its own token, and one correlation id. */
export interface EdgeCaller {
  readonly user: AuthUser;
  /**
   * The caller's own bearer token (the socket handshake's). The HTTP adapter sends it, so the
   * services authorise the caller and never the gateway; the in-process adapter ignores it.
   */
  readonly token?: string;
  /** Sent as `x-correlation-id`; ends up in the events' metadata. */
  readonly correlationId: string;
  /**
   * Sent as `Idempotency-Key`: the client event's own request id (`consultation.open`'s
   * `requestId`), so a repeat of the same request changes nothing more and answers the same.
   */
  readonly idempotencyKey?: string;
}

/** `message.send` without the conversation id (the REST send body). */
export interface EdgeMessageBody {
  readonly clientMsgId: string;
  readonly type: 'text' | 'image' | 'file';
  readonly text?: string;
  readonly attachmentId?: string;
  readonly internal?: boolean;
}

/** `consultation.open` (the REST open body). */
export interface EdgeOpenBody {
  readonly domain: string;
  readonly group?: string;
  readonly subject?: string;
  readonly context?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface EdgeRateBody {
  readonly score: number;
  readonly comment?: string;
}

export type EdgeConsultationFilter = Pick<ListConsultationsQueryDto, 'customerId' | 'limit'> &
  Partial<ListConsultationsQueryDto>;

/**
 * Everything the socket edge needs from the messaging (im) and consultation
 * (customer-service) contexts, so a gateway runs with or without them in its process. Each
 * method acts AS `caller` with an already validated payload and resolves with what the REST
 * route answers, or rejects with the typed errors the contexts throw (`describeError` turns
 * them into the same `{code, message}` whichever adapter ran). A service that is down, slow
 * (past the adapter's timeout) or failing with a 5xx rejects with EdgeUnavailableError
 * (`SERVICE_UNAVAILABLE`): retryable, since sends are idempotent by `clientMsgId`.
 *
 * Adapters: InProcessEdgeServices (CommandBus/QueryBus, one process), HttpEdgeServices (the
 * /v1 REST API with the caller's own JWT). Both pass `libs/gateway/test/edge-services.contract.ts`.
 */
export interface EdgeServices {
  /** POST /v1/conversations/:id/messages; a repeated clientMsgId answers the original. */
  postMessage(
    caller: EdgeCaller,
    conversationId: string,
    body: EdgeMessageBody,
  ): Promise<MessageView>;
  /** POST /v1/conversations/sync (no long-poll wait). */
  syncMessages(
    caller: EdgeCaller,
    cursors: readonly SyncCursor[],
    options?: { readonly limit?: number },
  ): Promise<SyncMessagesResult>;
  /** POST /v1/conversations/:id/read for one device of the caller. */
  markRead(
    caller: EdgeCaller,
    conversationId: string,
    deviceId: string,
    seq: number,
  ): Promise<MarkReadResult>;
  /** GET /v1/conversations/:id (members and domain, for typing); `waitMs` for a new one. */
  getConversation(
    caller: EdgeCaller,
    conversationId: string,
    options?: { readonly waitMs?: number },
  ): Promise<ConversationView>;
  /** POST /v1/consultations (customers only). */
  openConsultation(caller: EdgeCaller, body: EdgeOpenBody): Promise<OpenConsultationResponse>;
  /** POST /v1/consultations/:id/rate (customers only, their own). */
  rateConsultation(
    caller: EdgeCaller,
    consultationId: string,
    body: EdgeRateBody,
  ): Promise<ConsultationView>;
  /** GET /v1/consultations (what the caller may see). */
  listConsultations(caller: EdgeCaller, filter: EdgeConsultationFilter): Promise<ConsultationPage>;
  /** GET /v1/consultations/:id. */
  getConsultation(caller: EdgeCaller, consultationId: string): Promise<ConsultationView>;
}

/** DI token for the EdgeServices port. */
export const EDGE_SERVICES = Symbol('EdgeServices');
