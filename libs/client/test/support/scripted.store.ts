import { randomUUID } from 'node:crypto';
import type { MessageView, SendInput, SyncCursor, SyncResult } from '../../src';

type Role = 'customer' | 'agent' | 'supervisor' | 'admin';

interface Conversation {
  readonly id: string;
  readonly members: Set<string>;
  readonly messages: MessageView[];
  readonly byClientMsgId: Map<string, MessageView>;
}

/** A `{code, message}` the scripted servers answer with. */
export class ScriptedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * The scripted servers' state: conversations with a dense per-conversation seq, idempotent
 * sends by (conversation, sender, clientMsgId), and sync over cursors — the v1 semantics in
 * memory, nothing more.
 */
export interface ScriptedConsultation {
  readonly id: string;
  readonly conversationId: string;
  readonly state: string;
}

export class ScriptedStore {
  private readonly roles = new Map<string, Role>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly listeners = new Set<(message: MessageView) => void>();
  /** Consultations opened with an idempotency key, by customer and key. */
  private readonly opens = new Map<string, ScriptedConsultation>();
  /** Every consultation opened (what "the server has"). */
  readonly consultations: ScriptedConsultation[] = [];

  tokenFor(userId: string, role: Role = 'customer'): string {
    this.roles.set(userId, role);
    return `token-${userId}`;
  }

  userFor(token: unknown): { userId: string; role: Role } | undefined {
    if (typeof token !== 'string' || !token.startsWith('token-')) return undefined;
    const userId = token.slice('token-'.length);
    const role = this.roles.get(userId);
    return role === undefined ? undefined : { userId, role };
  }

  createConversation(members: readonly string[], id: string = randomUUID()): string {
    this.conversations.set(id, {
      id,
      members: new Set(members),
      messages: [],
      byClientMsgId: new Map(),
    });
    return id;
  }

  /** A consultation with its own conversation; the same one again for a repeated key. */
  openConsultation(customerId: string, key: string | undefined): ScriptedConsultation {
    const keyed = key === undefined ? undefined : `${customerId}\u0000${key}`;
    const known = keyed === undefined ? undefined : this.opens.get(keyed);
    if (known !== undefined) return known;
    const conversationId = this.createConversation([customerId]);
    const opened = { id: `consultation-${conversationId}`, conversationId, state: 'pending' };
    this.consultations.push(opened);
    if (keyed !== undefined) this.opens.set(keyed, opened);
    return opened;
  }

  /** Everything appended to a conversation, hidden or not (what "the server has"). */
  messagesOf(conversationId: string): readonly MessageView[] {
    return this.conversations.get(conversationId)?.messages ?? [];
  }

  removeMember(conversationId: string, userId: string): void {
    this.conversations.get(conversationId)?.members.delete(userId);
  }

  membersOf(conversationId: string): readonly string[] {
    return [...(this.conversations.get(conversationId)?.members ?? [])];
  }

  conversationsOf(userId: string): { id: string; lastSeq: number; members: string[] }[] {
    return [...this.conversations.values()]
      .filter((c) => c.members.has(userId))
      .map((c) => ({ id: c.id, lastSeq: c.messages.length, members: [...c.members] }));
  }

  onPosted(listener: (message: MessageView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  post(senderId: string, input: SendInput & { clientMsgId: string }): MessageView {
    const conversation = this.member(senderId, input.conversationId);
    if (typeof input.clientMsgId !== 'string' || input.clientMsgId.length === 0) {
      throw new ScriptedError('VALIDATION_FAILED', 'clientMsgId is required', 400);
    }
    if (input.type === 'text' && (typeof input.text !== 'string' || input.text.length === 0)) {
      throw new ScriptedError('VALIDATION_FAILED', 'text is required for type text', 400);
    }
    const key = `${senderId}/${input.clientMsgId}`;
    const replay = conversation.byClientMsgId.get(key);
    if (replay !== undefined) return replay;
    const message: MessageView = {
      id: randomUUID(),
      conversationId: conversation.id,
      seq: conversation.messages.length + 1,
      senderId,
      senderRole: this.roles.get(senderId) ?? 'customer',
      clientMsgId: input.clientMsgId,
      type: input.type,
      ...(input.text === undefined ? {} : { text: input.text }),
      internal: input.internal === true,
      createdAt: new Date().toISOString(),
    };
    conversation.messages.push(message);
    conversation.byClientMsgId.set(key, message);
    for (const listener of this.listeners) listener(message);
    return message;
  }

  canSee(userId: string, message: MessageView): boolean {
    return !message.internal || this.roles.get(userId) !== 'customer';
  }

  sync(userId: string, cursors: readonly SyncCursor[], limit = 100): SyncResult {
    if (!Array.isArray(cursors) || cursors.length < 1 || cursors.length > 200) {
      throw new ScriptedError('VALIDATION_FAILED', 'cursors must hold 1 to 200 cursors', 400);
    }
    const messages: MessageView[] = [];
    for (const cursor of cursors) {
      const conversation = this.member(userId, cursor.conversationId);
      for (const message of conversation.messages) {
        if (message.seq <= cursor.afterSeq || !this.canSee(userId, message)) continue;
        if (messages.length === limit) return { messages, more: true };
        messages.push(message);
      }
    }
    return { messages, more: false };
  }

  private member(userId: string, conversationId: string): Conversation {
    const conversation = this.conversations.get(conversationId);
    if (conversation === undefined) {
      throw new ScriptedError('CONVERSATION_NOT_FOUND', 'No such conversation', 404);
    }
    if (!conversation.members.has(userId)) {
      throw new ScriptedError('NOT_A_MEMBER', 'Not a member of this conversation', 403);
    }
    return conversation;
  }
}
