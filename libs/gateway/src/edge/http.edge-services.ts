import { type OnModuleDestroy } from '@nestjs/common';
import {
  type ConsultationPage,
  type ConsultationView,
} from '@switchboard/consultation/application/consultations-view/consultation.view';
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
import { EdgeHttpClient } from './edge-http.client';
import {
  type EdgeCaller,
  type EdgeConsultationFilter,
  type EdgeMessageBody,
  type EdgeOpenBody,
  type EdgeRateBody,
  type EdgeServices,
} from './edge-services.port';

/** Where the services are and how long the edge waits for them. */
export interface HttpEdgeOptions {
  /** Base URL of the im service (conversations, messages), e.g. `http://im:3000`. */
  readonly imUrl: string;
  /** Base URL of customer-service (consultations). */
  readonly customerServiceUrl: string;
  /** Deadline of one request (connect + answer); past it the ack is `SERVICE_UNAVAILABLE`. */
  readonly timeoutMs: number;
  /** Pooled keep-alive connections per service. Default 256. */
  readonly maxSockets?: number;
}

/** `GET /v1/conversations/:id?wait=` takes whole seconds, at most 30. */
const MAX_WAIT_S = 30;

/**
 * EdgeServices over the documented /v1 REST API of im and customer-service, as the caller: the
 * socket's own token goes in `Authorization`, so the services authorise the user, never the
 * gateway, and the gateway holds no state of theirs. Error bodies come back as the typed errors
 * the services threw; a 5xx, a refused connection or a timeout is EdgeUnavailableError.
 */
export class HttpEdgeServices implements EdgeServices, OnModuleDestroy {
  private readonly im: EdgeHttpClient;
  private readonly consultations: EdgeHttpClient;

  constructor(options: HttpEdgeOptions) {
    this.im = new EdgeHttpClient('im', options.imUrl, options.timeoutMs, options.maxSockets);
    this.consultations = new EdgeHttpClient(
      'customer-service',
      options.customerServiceUrl,
      options.timeoutMs,
      options.maxSockets,
    );
  }

  onModuleDestroy(): void {
    this.im.close();
    this.consultations.close();
  }

  postMessage(caller: EdgeCaller, conversationId: string, body: EdgeMessageBody) {
    return this.im.call<MessageView>({
      ...as(caller),
      method: 'POST',
      path: `/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      body,
    });
  }

  syncMessages(
    caller: EdgeCaller,
    cursors: readonly SyncCursor[],
    options: { readonly limit?: number } = {},
  ) {
    const body = { cursors, ...(options.limit === undefined ? {} : { limit: options.limit }) };
    return this.im.call<SyncMessagesResult>({
      ...as(caller),
      method: 'POST',
      path: '/v1/conversations/sync',
      body,
    });
  }

  markRead(caller: EdgeCaller, conversationId: string, deviceId: string, seq: number) {
    return this.im.call<MarkReadResult>({
      ...as(caller),
      method: 'POST',
      path: `/v1/conversations/${encodeURIComponent(conversationId)}/read`,
      body: { seq, deviceId },
    });
  }

  getConversation(
    caller: EdgeCaller,
    conversationId: string,
    options: { readonly waitMs?: number } = {},
  ) {
    const waitS = Math.min(MAX_WAIT_S, Math.max(0, Math.ceil((options.waitMs ?? 0) / 1000)));
    const query = waitS > 0 ? `?wait=${waitS}` : '';
    return this.im.call<ConversationView>({
      ...as(caller),
      method: 'GET',
      path: `/v1/conversations/${encodeURIComponent(conversationId)}${query}`,
      extraMs: waitS * 1000,
    });
  }

  openConsultation(caller: EdgeCaller, body: EdgeOpenBody) {
    return this.consultations.call<OpenConsultationResponse>({
      ...as(caller),
      method: 'POST',
      path: '/v1/consultations',
      body,
    });
  }

  rateConsultation(caller: EdgeCaller, consultationId: string, body: EdgeRateBody) {
    return this.consultations.call<ConsultationView>({
      ...as(caller),
      method: 'POST',
      path: `/v1/consultations/${encodeURIComponent(consultationId)}/rate`,
      body,
    });
  }

  listConsultations(caller: EdgeCaller, filter: EdgeConsultationFilter) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (value !== undefined) query.set(key, String(value));
    }
    const search = query.size > 0 ? `?${query.toString()}` : '';
    return this.consultations.call<ConsultationPage>({
      ...as(caller),
      method: 'GET',
      path: `/v1/consultations${search}`,
    });
  }

  getConsultation(caller: EdgeCaller, consultationId: string) {
    return this.consultations.call<ConsultationView>({
      ...as(caller),
      method: 'GET',
      path: `/v1/consultations/${encodeURIComponent(consultationId)}`,
    });
  }
}

function as(caller: EdgeCaller): {
  token?: string;
  correlationId: string;
  idempotencyKey?: string;
} {
  return {
    ...(caller.token === undefined ? {} : { token: caller.token }),
    correlationId: caller.correlationId,
    ...(caller.idempotencyKey === undefined ? {} : { idempotencyKey: caller.idempotencyKey }),
  };
}
