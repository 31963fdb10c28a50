import { type MessagePostedData } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationStream } from '../../src/domain';
import { ConversationAttachmentAccess } from '../../src/application/attachment-access/conversation-attachment.access';
import { PostMessageCommand } from '../../src/application/post-message/post-message.command';
import { type PostMessageBody } from '../../src/application/post-message/post-message.dto';
import { ctx, m, type Messaging, startMessaging } from './conversation.fixture';

const text = (clientMsgId: string, body = 'hello', extra: Partial<PostMessageBody> = {}) =>
  ({ clientMsgId, type: 'text', text: body, ...extra }) as PostMessageBody;

describe('PostMessageHandler against SQLite', () => {
  let mx: Messaging;
  beforeAll(async () => {
    mx = await startMessaging({ words: ['darn'], patterns: ['forbidden-\\d+'] });
  });
  afterAll(() => mx.dispose());

  it('gives 1,000 concurrent sends into one conversation seq 1..1000, no gap, no duplicate', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    const views = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        mx.post.execute(new PostMessageCommand(ctx(i % 2 ? 'alice' : 'bob'), id, text(`c-${i}`))),
      ),
    );
    const seqs = views.map((v) => v.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    const stored = (await mx.store.readStream(conversationStream(id)))
      .filter((e) => e.type === 'MessagePosted')
      .map((e) => (e.data as MessagePostedData).seq);
    expect(stored).toEqual(seqs);
  });

  it('answers a repeated clientMsgId with the original message and stores nothing', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    const first = await mx.post.execute(
      new PostMessageCommand(ctx('alice'), id, text('same', 'one')),
    );
    const before = (await mx.store.readStream(conversationStream(id))).length;
    const [again, concurrent] = await Promise.all([
      mx.post.execute(new PostMessageCommand(ctx('alice'), id, text('same', 'changed text'))),
      mx.post.execute(new PostMessageCommand(ctx('alice'), id, text('same', 'one'))),
    ]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    expect((await mx.store.readStream(conversationStream(id))).length).toBe(before);
  });

  it('masks moderated words and patterns', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    const view = await mx.post.execute(
      new PostMessageCommand(ctx('alice'), id, text('c1', 'Darn, forbidden-42!')),
    );
    expect(view.text).toBe('****, ************!');
    const [stored] = (await mx.store.readStream(conversationStream(id))).slice(-1);
    expect(stored.data).toMatchObject({ masked: true, text: '****, ************!' });
  });

  it('checks attachments against the catalog: exists, uploaded by the sender, image mime', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    const image = mx.uploads.add('alice', 'image/png', 'cat.png');
    const pdf = mx.uploads.add('alice', 'application/pdf', 'doc.pdf');
    const bobs = mx.uploads.add('bob', 'image/png');
    const send = (clientMsgId: string, type: 'image' | 'file', attachmentId: string) =>
      mx.post.execute(
        new PostMessageCommand(ctx('alice'), id, { clientMsgId, type, attachmentId }),
      );
    await expect(send('a1', 'image', image)).resolves.toMatchObject({
      type: 'image',
      attachment: { id: image, name: 'cat.png', mime: 'image/png', size: 42 },
    });
    await expect(send('a2', 'file', pdf)).resolves.toMatchObject({ type: 'file' });
    await expect(send('a3', 'image', pdf)).rejects.toMatchObject({ code: 'ATTACHMENT_INVALID' });
    await expect(send('a4', 'image', bobs)).rejects.toMatchObject({ code: 'ATTACHMENT_INVALID' });
    await expect(send('a5', 'file', '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'ATTACHMENT_INVALID',
    });
  });

  it('lets members download attachments of their conversations; internal ones only staff', async () => {
    const id = await mx.create('consultation', [m('cust'), m('agent-1', 'agent')]);
    const shared = mx.uploads.add('agent-1', 'image/png');
    const secret = mx.uploads.add('agent-1', 'application/pdf');
    const agent = { actor: { userId: 'agent-1', role: 'agent' as const } };
    await mx.post.execute(
      new PostMessageCommand(agent, id, { clientMsgId: 's', type: 'image', attachmentId: shared }),
    );
    await mx.post.execute(
      new PostMessageCommand(agent, id, {
        clientMsgId: 'n',
        type: 'file',
        attachmentId: secret,
        internal: true,
      }),
    );
    const access = new ConversationAttachmentAccess(mx.projection);
    const cust = { userId: 'cust', role: 'customer' as const };
    expect(await access.canRead(cust, shared)).toBe(true);
    expect(await access.canRead(cust, secret)).toBe(false);
    expect(await access.canRead({ userId: 'sup', role: 'supervisor' }, secret)).toBe(true);
    expect(await access.canRead({ userId: 'other', role: 'customer' }, shared)).toBe(false);
    expect(await access.canRead({ userId: 'other-agent', role: 'agent' }, shared)).toBe(false);
  });

  it('refuses non-members and internal notes from customers', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    await expect(
      mx.post.execute(new PostMessageCommand(ctx('mallory'), id, text('x'))),
    ).rejects.toMatchObject({
      code: 'NOT_A_MEMBER',
    });
    await expect(
      mx.post.execute(
        new PostMessageCommand(ctx('alice'), id, text('y', 'hi', { internal: true })),
      ),
    ).rejects.toMatchObject({ code: 'INTERNAL_NOTE_FORBIDDEN' });
  });
});

describe('PostMessageHandler in reject mode', () => {
  let mx: Messaging;
  beforeAll(async () => {
    mx = await startMessaging({ blockLinks: true, mode: 'reject' });
  });
  afterAll(() => mx.dispose());

  it('records MessageRejected and throws MESSAGE_REJECTED with the rule names', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    await expect(
      mx.post.execute(
        new PostMessageCommand(ctx('alice'), id, text('l1', 'see https://evil.test')),
      ),
    ).rejects.toMatchObject({ code: 'MESSAGE_REJECTED', details: { rules: ['link'] } });
    const events = await mx.store.readStream(conversationStream(id));
    expect(events.map((e) => e.type)).toEqual(['ConversationCreated', 'MessageRejected']);
  });
});
