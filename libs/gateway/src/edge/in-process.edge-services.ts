import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetConsultationQuery } from '@switchboard/consultation/application/get-consultation/get-consultation.query';
import { ListConsultationsQuery } from '@switchboard/consultation/application/list-consultations/list-consultations.query';
import { OpenConsultationCommand } from '@switchboard/consultation/application/open-consultation/open-consultation.command';
import { RateConsultationCommand } from '@switchboard/consultation/application/rate-consultation/rate-consultation.command';
import { GetConversationQuery } from '@switchboard/conversation/application/get-conversation/get-conversation.query';
import { MarkReadCommand } from '@switchboard/conversation/application/mark-read/mark-read.command';
import { PostMessageCommand } from '@switchboard/conversation/application/post-message/post-message.command';
import {
  type SyncCursor,
  SyncMessagesQuery,
} from '@switchboard/conversation/application/sync-messages/sync-messages.query';
import { AccessDeniedError, type RequestContext, type Role } from '@switchboard/platform';
import {
  type EdgeCaller,
  type EdgeConsultationFilter,
  type EdgeMessageBody,
  type EdgeOpenBody,
  type EdgeRateBody,
  type EdgeServices,
} from './edge-services.port';

/** What the REST routes' `@Roles` admit, enforced here too so both adapters answer alike. */
const CUSTOMERS_ONLY: readonly Role[] = ['customer'];

/**
 * EdgeServices in one process: each call is the command or query the REST controller would
 * dispatch, on the @nestjs/cqrs buses (Nest's sample/02-gateways: the gateway only
 * translates). The route's role rule is checked first, as the REST guard would.
 */
@Injectable()
export class InProcessEdgeServices implements EdgeServices {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  postMessage(caller: EdgeCaller, conversationId: string, body: EdgeMessageBody) {
    return this.commands.execute(new PostMessageCommand(contextOf(caller), conversationId, body));
  }

  syncMessages(
    caller: EdgeCaller,
    cursors: readonly SyncCursor[],
    options: { readonly limit?: number } = {},
  ) {
    const limit = options.limit === undefined ? {} : { limit: options.limit };
    return this.queries.execute(new SyncMessagesQuery(caller.user, cursors, limit));
  }

  markRead(caller: EdgeCaller, conversationId: string, deviceId: string, seq: number) {
    return this.commands.execute(
      new MarkReadCommand(contextOf(caller), conversationId, deviceId, seq),
    );
  }

  getConversation(
    caller: EdgeCaller,
    conversationId: string,
    options: { readonly waitMs?: number } = {},
  ) {
    const wait = options.waitMs === undefined ? {} : { waitMs: options.waitMs };
    return this.queries.execute(new GetConversationQuery(caller.user, conversationId, wait));
  }

  async openConsultation(caller: EdgeCaller, body: EdgeOpenBody) {
    requireRole(caller, CUSTOMERS_ONLY);
    return this.commands.execute(new OpenConsultationCommand(contextOf(caller), body));
  }

  async rateConsultation(caller: EdgeCaller, consultationId: string, body: EdgeRateBody) {
    requireRole(caller, CUSTOMERS_ONLY);
    return this.commands.execute(
      new RateConsultationCommand(contextOf(caller), consultationId, body),
    );
  }

  listConsultations(caller: EdgeCaller, filter: EdgeConsultationFilter) {
    return this.queries.execute(new ListConsultationsQuery(caller.user, filter));
  }

  getConsultation(caller: EdgeCaller, consultationId: string) {
    return this.queries.execute(new GetConsultationQuery(caller.user, consultationId));
  }
}

/** What a REST call with the same token, correlation id and Idempotency-Key would carry. */
function contextOf(caller: EdgeCaller): RequestContext {
  return {
    actor: caller.user,
    correlationId: caller.correlationId,
    ...(caller.idempotencyKey === undefined ? {} : { idempotencyKey: caller.idempotencyKey }),
  };
}

/** Same error, code and message as the REST RolesGuard. */
function requireRole(caller: EdgeCaller, roles: readonly Role[]): void {
  if (!roles.includes(caller.user.role)) {
    throw new AccessDeniedError(`This requires one of the roles: ${roles.join(', ')}`);
  }
}
