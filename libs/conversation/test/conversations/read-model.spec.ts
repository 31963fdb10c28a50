import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationWriter } from '../../src/application/command-context/conversation.writer';
import { ConversationsProjection } from '../../src/application/conversations-view/conversations.projection';
import { GetConversationHandler } from '../../src/application/get-conversation/get-conversation.handler';
import { GetConversationQuery } from '../../src/application/get-conversation/get-conversation.query';
import { MarkReadCommand } from '../../src/application/mark-read/mark-read.command';
import { MarkReadHandler } from '../../src/application/mark-read/mark-read.handler';
import { PostMessageCommand } from '../../src/application/post-message/post-message.command';
import { SystemClock } from '@switchboard/platform';
import { ctx, m, type Messaging, startMessaging } from './conversation.fixture';

describe('conversation read model', () => {
  let mx: Messaging;
  beforeAll(async () => {
    mx = await startMessaging();
  });
  afterAll(() => mx.dispose());

  it('rebuilds the same view from the log, and a fresh writer numbers on', async () => {
    const id = await mx.create('group', [m('owner', 'customer', 'owner'), m('bob')]);
    for (const c of ['1', '2', '3']) {
      await mx.post.execute(
        new PostMessageCommand(ctx('owner'), id, { clientMsgId: c, type: 'text', text: c }),
      );
    }
    await new MarkReadHandler(mx.writer, mx.projection).execute(
      new MarkReadCommand(ctx('bob'), id, 'phone', 2),
    );
    const before = {
      view: mx.projection.get(id)!.view(),
      unread: mx.projection.get(id)!.unread('bob', 'customer'),
    };
    expect(before).toMatchObject({ view: { lastSeq: 3 }, unread: 1 });

    const rebuilt = new ConversationsProjection(mx.store);
    await rebuilt.onModuleInit();
    try {
      expect(rebuilt.get(id)!.view()).toEqual(before.view);
      expect(rebuilt.get(id)!.unread('bob', 'customer')).toBe(1);
      expect(rebuilt.position).toBe(mx.projection.position);
      // A restarted process: a writer with an empty cache reads the stream once and numbers on.
      const fresh = new ConversationWriter(mx.store, new SystemClock(), null);
      const result = await fresh.write(id, {
        type: 'postMessage',
        data: {
          conversationId: id,
          messageId: randomUUID(),
          clientMsgId: '1', // a repeat of the first message: still known after the restart
          type: 'text',
          text: '1',
          attachment: null,
          internal: false,
          moderation: { action: 'allow' },
          actor: { userId: 'owner', role: 'customer' },
        },
        metadata: { commandId: randomUUID(), now: new Date() },
      });
      expect(result.events).toEqual([]);
      expect(result.state.lastSeq).toBe(3);
    } finally {
      await rebuilt.stop();
    }
  });

  it('GetConversation waits for a conversation that does not exist yet, then checks access', async () => {
    const handler = new GetConversationHandler(mx.projection);
    const id = randomUUID();
    const waiting = handler.execute(
      new GetConversationQuery({ userId: 'cust', role: 'customer' }, id, { waitMs: 10_000 }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    await mx.writer.write(id, {
      type: 'create',
      data: {
        conversationId: id,
        kind: 'consultation',
        members: [m('cust')],
        domain: 'travel',
        consultationId: randomUUID(),
        actor: { userId: 'system', role: 'system' },
      },
      metadata: { commandId: randomUUID(), now: new Date() },
    });
    await expect(waiting).resolves.toMatchObject({
      id,
      kind: 'consultation',
      members: [m('cust')],
    });
    await expect(
      handler.execute(new GetConversationQuery({ userId: 'other', role: 'customer' }, id)),
    ).rejects.toMatchObject({ code: 'CONVERSATION_FORBIDDEN' });
    await expect(
      handler.execute(
        new GetConversationQuery({ userId: 'cust', role: 'customer' }, randomUUID(), {
          waitMs: 20,
        }),
      ),
    ).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
  });
});
