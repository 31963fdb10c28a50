import { type ConversationMember } from '@switchboard/contracts';
import { SqliteEventStore } from '@switchboard/event-store';
import { type AuthUser, type RequestContext, SystemClock } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ModerationOptions, RuleListModerationPolicy } from '../../src/domain';
import { ConversationWriter } from '../../src/application/command-context/conversation.writer';
import { ConversationsProjection } from '../../src/application/conversations-view/conversations.projection';
import { MessageReader } from '../../src/application/conversations-view/message.reader';
import { PostMessageHandler } from '../../src/application/post-message/post-message.handler';
import { SyncMessagesHandler } from '../../src/application/sync-messages/sync-messages.handler';
import { type UploadCatalog, type UploadRecord } from '../../src/uploads/upload.ports';

/** An in-memory upload catalog for tests. */
export class FakeUploadCatalog implements UploadCatalog {
  readonly uploads = new Map<string, UploadRecord>();

  add(uploaderId: string, mime: string, name = 'file.bin'): string {
    const id = randomUUID();
    this.uploads.set(id, {
      id,
      uploaderId,
      name,
      mime,
      size: 42,
      sha256: 'a'.repeat(64),
      createdAt: '2026-12-04T10:00:00.000Z',
    });
    return id;
  }

  find(uploadId: string): Promise<UploadRecord | undefined> {
    return Promise.resolve(this.uploads.get(uploadId));
  }
}

/** The application layer wired by hand over a temp SQLite file (no Nest). */
export interface Messaging {
  readonly store: SqliteEventStore;
  readonly writer: ConversationWriter;
  readonly projection: ConversationsProjection;
  readonly reader: MessageReader;
  readonly post: PostMessageHandler;
  readonly sync: SyncMessagesHandler;
  readonly uploads: FakeUploadCatalog;
  /** Creates a conversation through the writer (as `system` for consultations). */
  create(
    kind: 'direct' | 'group' | 'consultation',
    members: readonly ConversationMember[],
  ): Promise<string>;
  dispose(): Promise<void>;
}

export const ctx = (userId: string, role: AuthUser['role'] = 'customer'): RequestContext => ({
  actor: { userId, role },
});

export const m = (
  userId: string,
  role: ConversationMember['role'] = 'customer',
  memberRole: ConversationMember['memberRole'] = 'member',
): ConversationMember => ({ userId, role, memberRole });

export async function startMessaging(moderation: ModerationOptions = {}): Promise<Messaging> {
  const dir = mkdtempSync(join(tmpdir(), 'conversation-'));
  const store = await SqliteEventStore.open({ filename: join(dir, 'events.db') });
  const clock = new SystemClock();
  const writer = new ConversationWriter(store, clock, null);
  const projection = new ConversationsProjection(store);
  await projection.onModuleInit();
  const reader = new MessageReader(store, projection);
  const uploads = new FakeUploadCatalog();
  const post = new PostMessageHandler(
    writer,
    projection,
    reader,
    new RuleListModerationPolicy(moderation),
    uploads,
    null,
  );
  return {
    store,
    writer,
    projection,
    reader,
    post,
    sync: new SyncMessagesHandler(projection, reader),
    uploads,
    async create(kind, members) {
      const conversationId = randomUUID();
      const result = await writer.write(conversationId, {
        type: 'create',
        data: {
          conversationId,
          kind,
          members,
          domain: kind === 'consultation' ? 'travel' : null,
          consultationId: kind === 'consultation' ? randomUUID() : null,
          actor: kind === 'consultation' ? { userId: 'system', role: 'system' } : members[0],
        },
        metadata: { commandId: randomUUID(), now: clock.now() },
      });
      await projection.waitForPosition(result.position, 5000);
      return conversationId;
    },
    async dispose() {
      await projection.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
