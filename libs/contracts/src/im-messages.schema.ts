import type { ContractDefinition } from './contract.registry';
import type { ImMessagesV1 } from './im-messages.contract';
import {
  count,
  dateTime,
  id,
  nullableId,
  nullableText,
  object,
  oneOfValues,
  stringList,
  text,
} from './json-schema.fragments';
import { TOPICS } from './topics.contract';

const conversationId = id;
const participantRole = oneOfValues(['customer', 'agent', 'supervisor', 'admin', 'system']);
const member = object({
  userId: id,
  role: participantRole,
  memberRole: oneOfValues(['owner', 'admin', 'member']),
});
const recipients = {
  type: 'array',
  items: object({ userId: id, role: participantRole }),
  description: 'Every member at that moment but the sender (for a read cursor: the reader too).',
};
const kind = oneOfValues(['direct', 'group', 'consultation']);
const attachment = {
  oneOf: [
    { type: 'null' },
    object({ id, name: text, mime: id, size: count }, { description: 'An upload.' }),
  ],
};

/** `data` schema of every v1 type on `im.messages.v1`. */
const SCHEMAS: { readonly [T in keyof ImMessagesV1]: readonly [string, object] } = {
  ConversationCreated: [
    'A direct, group or consultation conversation was created with its first members.',
    object({
      conversationId,
      kind,
      domain: nullableId,
      consultationId: nullableId,
      createdBy: id,
      members: { type: 'array', items: member },
      at: dateTime,
    }),
  ],
  MemberAdded: [
    'A member joined (an agent taking a consultation, a group invite).',
    object({ conversationId, member, by: id, at: dateTime }),
  ],
  MemberRemoved: [
    'A member left or was removed.',
    object({ conversationId, userId: id, by: id, at: dateTime }),
  ],
  MessagePosted: [
    'A message with its per-conversation `seq` and its recipients.',
    object({
      conversationId,
      messageId: { type: 'string', format: 'uuid' },
      seq: { type: 'integer', minimum: 1 },
      senderId: id,
      senderRole: participantRole,
      clientMsgId: id,
      type: oneOfValues(['text', 'image', 'file', 'system']),
      text: nullableText,
      attachment,
      internal: { type: 'boolean', description: 'Staff-only note, never shown to a customer.' },
      kind,
      domain: nullableId,
      consultationId: nullableId,
      recipients,
      masked: { type: 'boolean', description: 'Moderation masked parts of `text`.' },
      createdAt: dateTime,
    }),
  ],
  MessageRejected: [
    'Moderation refused a message; nothing was posted.',
    object({ conversationId, senderId: id, clientMsgId: id, rules: stringList, at: dateTime }),
  ],
  ReadCursorMoved: [
    "A device's read cursor moved forward to `seq`.",
    object({
      conversationId,
      userId: id,
      deviceId: id,
      seq: count,
      recipients,
      at: dateTime,
    }),
  ],
  ConversationClosed: [
    'No more messages (the consultation closed).',
    object({ conversationId, reason: text, at: dateTime }),
  ],
};

/** The v1 contracts of `im.messages.v1`. */
export const IM_MESSAGE_CONTRACTS: readonly ContractDefinition[] = Object.freeze(
  Object.entries(SCHEMAS).map(([type, [description, dataSchema]]) => ({
    topic: TOPICS.imMessages,
    type,
    version: 1,
    description,
    dataSchema: dataSchema as ContractDefinition['dataSchema'],
  })),
);
