import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostMessageCommand } from '../../src/application/post-message/post-message.command';
import { SyncMessagesQuery } from '../../src/application/sync-messages/sync-messages.query';
import { ctx, m, type Messaging, startMessaging } from './conversation.fixture';

const alice = { userId: 'alice', role: 'customer' } as const;

describe('sync and long-polls against SQLite', () => {
  let mx: Messaging;
  beforeAll(async () => {
    mx = await startMessaging();
  });
  afterAll(() => mx.dispose());

  const say = (
    conversationId: string,
    by: string,
    clientMsgId: string,
    role: 'customer' | 'agent' = 'customer',
    internal = false,
  ) =>
    mx.post.execute(
      new PostMessageCommand(ctx(by, role), conversationId, {
        clientMsgId,
        type: 'text',
        text: clientMsgId,
        internal,
      }),
    );

  it('wakes 2,000 parked polls when a message arrives, each with that message', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    const polls = Array.from({ length: 2000 }, () =>
      mx.sync.execute(
        new SyncMessagesQuery(alice, [{ conversationId: id, afterSeq: 0 }], { waitMs: 20_000 }),
      ),
    );
    // Let every poll reach its park before the message lands.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(mx.projection.parkedPolls(id)).toBe(2000);
    await say(id, 'bob', 'wake-up');
    const answers = await Promise.all(polls);
    for (const answer of answers) {
      expect(answer.messages.map((v) => v.clientMsgId)).toEqual(['wake-up']);
    }
    expect(mx.projection.parkedPolls(id)).toBe(0);
  });

  it('answers empty when the wait ends with nothing new, and leaves no waiter behind', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    await say(id, 'bob', 'old');
    const answer = await mx.sync.execute(
      new SyncMessagesQuery(alice, [{ conversationId: id, afterSeq: 1 }], { waitMs: 50 }),
    );
    expect(answer).toEqual({ messages: [], more: false });
    expect(mx.projection.parkedPolls(id)).toBe(0);
  });

  it('keeps a customer parked through an internal note: it never reaches them', async () => {
    const id = await mx.create('consultation', [m('alice'), m('agent-1', 'agent')]);
    const customerPoll = mx.sync.execute(
      new SyncMessagesQuery(alice, [{ conversationId: id, afterSeq: 0 }], { waitMs: 300 }),
    );
    const agentPoll = mx.sync.execute(
      new SyncMessagesQuery(
        { userId: 'agent-1', role: 'agent' },
        [{ conversationId: id, afterSeq: 0 }],
        { waitMs: 5000 },
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    await say(id, 'agent-1', 'note', 'agent', true);
    expect((await agentPoll).messages).toMatchObject([{ clientMsgId: 'note', internal: true }]);
    expect(await customerPoll).toEqual({ messages: [], more: false });
  });

  it('syncs several conversations in cursor order and reports `more` at the limit', async () => {
    const a = await mx.create('direct', [m('alice'), m('bob')]);
    const b = await mx.create('direct', [m('alice'), m('carol')]);
    for (const i of [1, 2, 3]) await say(a, 'bob', `a${i}`);
    for (const i of [1, 2]) await say(b, 'carol', `b${i}`);
    const cursors = [
      { conversationId: a, afterSeq: 1 },
      { conversationId: b, afterSeq: 0 },
    ];
    const all = await mx.sync.execute(new SyncMessagesQuery(alice, cursors));
    expect(all.messages.map((v) => v.clientMsgId)).toEqual(['a2', 'a3', 'b1', 'b2']);
    expect(all.more).toBe(false);
    const cut = await mx.sync.execute(new SyncMessagesQuery(alice, cursors, { limit: 2 }));
    expect(cut).toMatchObject({ more: true });
    expect(cut.messages.map((v) => v.clientMsgId)).toEqual(['a2', 'a3']);
  });

  it('refuses a conversation the caller is not in, before any wait', async () => {
    const id = await mx.create('direct', [m('bob'), m('carol')]);
    await expect(
      mx.sync.execute(
        new SyncMessagesQuery(alice, [{ conversationId: id, afterSeq: 0 }], { waitMs: 10_000 }),
      ),
    ).rejects.toMatchObject({ code: 'CONVERSATION_FORBIDDEN' });
  });

  // Last: it puts the read model into shutdown.
  it('answers parked polls at once when the app starts shutting down', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    const poll = mx.sync.execute(
      new SyncMessagesQuery(alice, [{ conversationId: id, afterSeq: 0 }], { waitMs: 30_000 }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(mx.projection.parkedPolls(id)).toBe(1);
    mx.projection.beforeApplicationShutdown();
    await expect(poll).resolves.toEqual({ messages: [], more: false });
  });
});
