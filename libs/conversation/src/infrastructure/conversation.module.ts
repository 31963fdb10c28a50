import { type DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@switchboard/contracts';
import { RelayModule } from '@switchboard/relay';
import { MODERATION_POLICY, RuleListModerationPolicy } from '../domain';
import { ATTACHMENT_ACCESS } from '../uploads/upload.ports';
import { ConversationAttachmentAccess } from '../application/attachment-access/conversation-attachment.access';
import {
  CONVERSATION_OPTIONS,
  type ConversationModuleWiring,
} from '../application/command-context/conversation.options';
import { ConversationWriter } from '../application/command-context/conversation.writer';
import { ConsultationEventsConsumer } from '../application/consultation-link/consultation-events.consumer';
import { ConversationsProjection } from '../application/conversations-view/conversations.projection';
import { MessageReader } from '../application/conversations-view/message.reader';
import { CreateConversationController } from '../application/create-conversation/create-conversation.controller';
import { CreateConversationHandler } from '../application/create-conversation/create-conversation.handler';
import { GetConversationController } from '../application/get-conversation/get-conversation.controller';
import { GetConversationHandler } from '../application/get-conversation/get-conversation.handler';
import { ListConversationsController } from '../application/list-conversations/list-conversations.controller';
import { ListConversationsHandler } from '../application/list-conversations/list-conversations.handler';
import { ManageMembersController } from '../application/manage-members/manage-members.controller';
import {
  AddMemberHandler,
  RemoveMemberHandler,
} from '../application/manage-members/manage-members.handler';
import { MarkReadController } from '../application/mark-read/mark-read.controller';
import { MarkReadHandler } from '../application/mark-read/mark-read.handler';
import { MessageHistoryController } from '../application/message-history/message-history.controller';
import { MessageHistoryHandler } from '../application/message-history/message-history.handler';
import { PostMessageController } from '../application/post-message/post-message.controller';
import { PostMessageHandler } from '../application/post-message/post-message.handler';
import { SendToManyController } from '../application/send-to-many/send-to-many.controller';
import { SendToManyHandler } from '../application/send-to-many/send-to-many.handler';
import { SyncMessagesController } from '../application/sync-messages/sync-messages.controller';
import { SyncMessagesHandler } from '../application/sync-messages/sync-messages.handler';

/**
 * The messaging context: conversations and messages under `/v1/conversations` and
 * `/v1/messages`, the read model behind lists, history, sync and long-polls, the consumer that
 * makes consultation conversations follow their consultation, and ATTACHMENT_ACCESS for the
 * uploads module. Events reach `im.messages.v1` through the relay, keyed by conversation id.
 *
 * Needs from the app: `CqrsModule.forRoot()`, EVENT_STORE, BUS, PlatformModule (CLOCK, auth,
 * validation), `RelayModule.forRootAsync()`. UPLOAD_CATALOG comes from a module passed in
 * `imports` (`UploadsModule.forRoot()`); without one every image/file send answers
 * ATTACHMENT_INVALID.
 */
@Module({})
export class ConversationModule {
  static forRoot(wiring: ConversationModuleWiring = {}): DynamicModule {
    const { imports = [], ...options } = wiring;
    return {
      module: ConversationModule,
      imports: [
        ...imports,
        RelayModule.forFeature([{ streamPrefix: 'conversation-', topic: TOPICS.imMessages }]),
      ],
      controllers: [
        SyncMessagesController,
        CreateConversationController,
        ListConversationsController,
        GetConversationController,
        PostMessageController,
        MessageHistoryController,
        MarkReadController,
        ManageMembersController,
        SendToManyController,
      ],
      providers: [
        { provide: CONVERSATION_OPTIONS, useValue: options },
        { provide: MODERATION_POLICY, useValue: new RuleListModerationPolicy(options.moderation) },
        ConversationWriter,
        ConversationsProjection,
        MessageReader,
        ConsultationEventsConsumer,
        { provide: ATTACHMENT_ACCESS, useClass: ConversationAttachmentAccess },
        PostMessageHandler,
        SyncMessagesHandler,
        MarkReadHandler,
        GetConversationHandler,
        CreateConversationHandler,
        ListConversationsHandler,
        AddMemberHandler,
        RemoveMemberHandler,
        SendToManyHandler,
        MessageHistoryHandler,
      ],
      exports: [ATTACHMENT_ACCESS, ConversationsProjection],
    };
  }
}
