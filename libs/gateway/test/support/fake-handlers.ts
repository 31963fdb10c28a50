import { Injectable } from '@nestjs/common';
import {
  CommandHandler,
  type ICommandHandler,
  type IQueryHandler,
  QueryHandler,
} from '@nestjs/cqrs';
import { GetConsultationQuery } from '@switchboard/consultation/application/get-consultation/get-consultation.query';
import { ListConsultationsQuery } from '@switchboard/consultation/application/list-consultations/list-consultations.query';
import { OpenConsultationCommand } from '@switchboard/consultation/application/open-consultation/open-consultation.command';
import { RateConsultationCommand } from '@switchboard/consultation/application/rate-consultation/rate-consultation.command';
import { GetConversationQuery } from '@switchboard/conversation/application/get-conversation/get-conversation.query';
import { MarkReadCommand } from '@switchboard/conversation/application/mark-read/mark-read.command';
import { PostMessageCommand } from '@switchboard/conversation/application/post-message/post-message.command';
import { SyncMessagesQuery } from '@switchboard/conversation/application/sync-messages/sync-messages.query';

export type FakeName =
  | 'PostMessage'
  | 'SyncMessages'
  | 'MarkRead'
  | 'GetConversation'
  | 'OpenConsultation'
  | 'RateConsultation'
  | 'GetConsultation'
  | 'ListConsultations';

/**
 * Stands in for the conversation and consultation handlers: records what each received and
 * answers with what the test set (`respond`), or a plausible default.
 */
@Injectable()
export class FakeHandlers {
  readonly calls: { readonly name: FakeName; readonly message: unknown }[] = [];
  private readonly responders = new Map<FakeName, (message: never) => unknown>();

  respond<T>(name: FakeName, answer: (message: T) => unknown): void {
    this.responders.set(name, answer as (message: never) => unknown);
  }

  of<T>(name: FakeName): T[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.message as T);
  }

  async run(name: FakeName, message: unknown, fallback: () => unknown): Promise<never> {
    this.calls.push({ name, message });
    const responder = this.responders.get(name);
    return (await (responder === undefined ? fallback() : responder(message as never))) as never;
  }
}

export const CONVERSATION_ID = 'conv-1';
export const CONSULTATION_ID = '0b0a4a43-2f2c-4d53-9a2b-6e0f0b5e1a01';

@CommandHandler(PostMessageCommand)
export class FakePostMessageHandler implements ICommandHandler<PostMessageCommand> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(command: PostMessageCommand) {
    return this.fake.run('PostMessage', command, () => ({
      id: `m-${command.body.clientMsgId}`,
      conversationId: command.conversationId,
      seq: 1,
      senderId: command.context.actor.userId,
      senderRole: command.context.actor.role,
      clientMsgId: command.body.clientMsgId,
      type: command.body.type,
      text: command.body.text,
      internal: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    }));
  }
}

@QueryHandler(SyncMessagesQuery)
export class FakeSyncMessagesHandler implements IQueryHandler<SyncMessagesQuery> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(query: SyncMessagesQuery) {
    return this.fake.run('SyncMessages', query, () => ({ messages: [], more: false }));
  }
}

@CommandHandler(MarkReadCommand)
export class FakeMarkReadHandler implements ICommandHandler<MarkReadCommand> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(command: MarkReadCommand) {
    return this.fake.run('MarkRead', command, () => ({
      conversationId: command.conversationId,
      seq: command.seq,
    }));
  }
}

@QueryHandler(GetConversationQuery)
export class FakeGetConversationHandler implements IQueryHandler<GetConversationQuery> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(query: GetConversationQuery) {
    return this.fake.run('GetConversation', query, () => ({
      id: query.conversationId,
      kind: 'consultation',
      domain: 'travel',
      consultationId: CONSULTATION_ID,
      members: [
        { userId: 'cust-1', role: 'customer', memberRole: 'member' },
        { userId: 'agent-1', role: 'agent', memberRole: 'member' },
      ],
      lastSeq: 0,
      closed: false,
    }));
  }
}

@CommandHandler(OpenConsultationCommand)
export class FakeOpenConsultationHandler implements ICommandHandler<OpenConsultationCommand> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(command: OpenConsultationCommand) {
    return this.fake.run('OpenConsultation', command, () => ({
      id: CONSULTATION_ID,
      conversationId: CONVERSATION_ID,
      state: 'pending',
    }));
  }
}

@CommandHandler(RateConsultationCommand)
export class FakeRateConsultationHandler implements ICommandHandler<RateConsultationCommand> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(command: RateConsultationCommand) {
    return this.fake.run('RateConsultation', command, () => ({ id: command.consultationId }));
  }
}

@QueryHandler(GetConsultationQuery)
export class FakeGetConsultationHandler implements IQueryHandler<GetConsultationQuery> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(query: GetConsultationQuery) {
    return this.fake.run('GetConsultation', query, () => ({
      id: query.consultationId,
      customerId: 'cust-1',
      state: 'pending',
    }));
  }
}

@QueryHandler(ListConsultationsQuery)
export class FakeListConsultationsHandler implements IQueryHandler<ListConsultationsQuery> {
  constructor(private readonly fake: FakeHandlers) {}
  execute(query: ListConsultationsQuery) {
    return this.fake.run('ListConsultations', query, () => ({ items: [], nextCursor: null }));
  }
}

export const FAKE_HANDLERS = [
  FakeHandlers,
  FakePostMessageHandler,
  FakeSyncMessagesHandler,
  FakeMarkReadHandler,
  FakeGetConversationHandler,
  FakeOpenConsultationHandler,
  FakeRateConsultationHandler,
  FakeGetConsultationHandler,
  FakeListConsultationsHandler,
];
