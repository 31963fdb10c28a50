import { Injectable } from '@nestjs/common';
import { type AuthUser } from '@switchboard/platform';
import { isStaff } from '../../domain';
import { type AttachmentAccess } from '../../uploads/upload.ports';
import { mayRead } from '../command-context/conversation.access';
import { ConversationsProjection } from '../conversations-view/conversations.projection';

/**
 * ATTACHMENT_ACCESS: an upload may be downloaded by whoever may read a conversation holding a
 * message with it; an internal note's attachment only by staff.
 */
@Injectable()
export class ConversationAttachmentAccess implements AttachmentAccess {
  constructor(private readonly projection: ConversationsProjection) {}

  canRead(actor: AuthUser, uploadId: string): Promise<boolean> {
    const allowed = this.projection.attachmentRefs(uploadId).some((ref) => {
      const record = this.projection.get(ref.conversationId);
      return (
        record !== undefined && mayRead(actor, record) && (!ref.internal || isStaff(actor.role))
      );
    });
    return Promise.resolve(allowed);
  }
}
