import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type MessageAttachment, type MessagePostedData } from '@switchboard/contracts';
import { stableUuid } from '@switchboard/platform';
import {
  ALLOW,
  attachmentInvalid,
  messageRejected,
  MODERATION_POLICY,
  type ModerationPolicy,
  sentKey,
} from '../../domain';
import { UPLOAD_CATALOG, type UploadCatalog } from '../../uploads/upload.ports';
import {
  CONVERSATION_OPTIONS,
  type ConversationModuleOptions,
} from '../command-context/conversation.options';
import { ConversationWriter } from '../command-context/conversation.writer';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { MessageReader, toMessageView } from '../conversations-view/message.reader';
import { type MessageView } from '../views/message.view';
import { PostMessageCommand } from './post-message.command';

/**
 * Send: attachment checked against the upload catalog, text through moderation, then the
 * conversation's writer decides and appends. A repeated (sender, clientMsgId) appends nothing
 * and answers with the original message. Waits (bounded) until the read model shows the
 * message, so the sender's next history or sync read includes it.
 */
@Injectable()
@CommandHandler(PostMessageCommand)
export class PostMessageHandler implements ICommandHandler<PostMessageCommand> {
  private readonly readYourWritesMs: number;

  constructor(
    private readonly writer: ConversationWriter,
    private readonly projection: ConversationsProjection,
    private readonly reader: MessageReader,
    @Inject(MODERATION_POLICY) private readonly moderation: ModerationPolicy,
    @Optional() @Inject(UPLOAD_CATALOG) private readonly uploads: UploadCatalog | null,
    @Optional() @Inject(CONVERSATION_OPTIONS) options: ConversationModuleOptions | null,
  ) {
    this.readYourWritesMs = options?.readYourWritesMs ?? 2000;
  }

  async execute({ context, conversationId, body }: PostMessageCommand): Promise<MessageView> {
    const actor = { userId: context.actor.userId, role: context.actor.role };
    const text = body.text ?? null;
    const attachment =
      body.type === 'text' ? null : await this.attachment(body.attachmentId, actor.userId);
    const result = await this.writer.write(conversationId, {
      type: 'postMessage',
      data: {
        conversationId,
        messageId: stableUuid('message', conversationId, actor.userId, body.clientMsgId),
        clientMsgId: body.clientMsgId,
        type: body.type,
        text,
        attachment,
        internal: body.internal === true,
        moderation: text === null ? ALLOW : this.moderation.review(text),
        actor,
      },
      // The clientMsgId is in the scope: one Idempotency-Key reused for two messages is two sends.
      metadata: this.writer.metadata(context, `post-message/${conversationId}/${body.clientMsgId}`),
    });
    const [event] = result.events;
    if (event?.type === 'MessageRejected') throw messageRejected(event.data.rules);
    if (event?.type === 'MessagePosted') {
      await this.projection.waitForPosition(result.position, this.readYourWritesMs);
      return toMessageView(event.data as MessagePostedData);
    }
    const original = result.state.sent.find(
      sentKey(actor.userId, body.clientMsgId),
      result.state.lastSeq,
    );
    const view = original && (await this.reader.bySeq(conversationId, original.seq));
    if (view === undefined)
      throw new Error(`Message ${body.clientMsgId} is indexed but not stored`);
    return view;
  }

  private async attachment(
    uploadId: string | undefined,
    senderId: string,
  ): Promise<MessageAttachment> {
    if (uploadId === undefined) throw attachmentInvalid('attachmentId is required');
    const upload = this.uploads === null ? undefined : await this.uploads.find(uploadId);
    // Someone else's upload is reported like a missing one: ids are not for probing.
    if (upload === undefined || upload.uploaderId !== senderId) {
      throw attachmentInvalid(`Upload ${uploadId} does not exist or is not yours`);
    }
    return { id: upload.id, name: upload.name, mime: upload.mime, size: upload.size };
  }
}
