import { type Command } from '@switchboard/es-core';
import {
  type ConversationKind,
  type ConversationMember,
  type MemberRole,
  type MessageAttachment,
  type MessageType,
  type ParticipantRole,
} from '@switchboard/contracts';
import { type ModerationVerdict } from './moderation/moderation.policy';

/** Who issues a command: a user with their platform role, or `system` (role `system`). */
export interface Actor {
  readonly userId: string;
  readonly role: ParticipantRole;
}

export type CreateConversation = Command<
  'create',
  {
    readonly conversationId: string;
    readonly kind: ConversationKind;
    /** Every member, the creator included (the owner of a group). */
    readonly members: readonly ConversationMember[];
    readonly domain: string | null;
    readonly consultationId: string | null;
    readonly actor: Actor;
  }
>;

export type AddMember = Command<
  'addMember',
  {
    readonly conversationId: string;
    readonly userId: string;
    readonly role: ParticipantRole;
    readonly memberRole: Exclude<MemberRole, 'owner'>;
    readonly actor: Actor;
  }
>;

export type RemoveMember = Command<
  'removeMember',
  { readonly conversationId: string; readonly userId: string; readonly actor: Actor }
>;

export type PostMessage = Command<
  'postMessage',
  {
    readonly conversationId: string;
    /** Stable for (conversation, sender, clientMsgId): minted by the caller. */
    readonly messageId: string;
    readonly clientMsgId: string;
    readonly type: MessageType;
    readonly text: string | null;
    /** Already checked against the upload catalog by the caller. */
    readonly attachment: MessageAttachment | null;
    readonly internal: boolean;
    /** The moderation policy's verdict on `text`, computed before deciding. */
    readonly moderation: ModerationVerdict;
    readonly actor: Actor;
  }
>;

export type MarkRead = Command<
  'markRead',
  {
    readonly conversationId: string;
    readonly deviceId: string;
    readonly seq: number;
    readonly actor: Actor;
  }
>;

export type CloseConversation = Command<
  'close',
  { readonly conversationId: string; readonly reason: string; readonly actor: Actor }
>;

export type ConversationCommand =
  CreateConversation | AddMember | RemoveMember | PostMessage | MarkRead | CloseConversation;

export type ConversationCommandType = ConversationCommand['type'];

const STAFF: readonly ParticipantRole[] = ['agent', 'supervisor', 'admin'];

/** Agents, supervisors and admins: who may write and read internal notes. */
export function isStaff(role: ParticipantRole): boolean {
  return STAFF.includes(role);
}
