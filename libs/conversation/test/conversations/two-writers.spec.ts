import { type MessagePostedData } from '@switchboard/contracts';
import { SystemClock } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationWriter } from '../../src/application/command-context/conversation.writer';
import { conversationStream, type PostMessage } from '../../src/domain';
import { m, type Messaging, startMessaging } from './conversation.fixture';

/** Two processes' writers on one store (as two app instances on one PostgreSQL/ESDB would be). */
describe('two writers on one conversation', () => {
  let mx: Messaging;
  beforeAll(async () => {
    mx = await startMessaging();
  });
  afterAll(() => mx.dispose());

  const post = (conversationId: string, userId: string, clientMsgId: string): PostMessage => ({
    type: 'postMessage',
    data: {
      conversationId,
      messageId: randomUUID(),
      clientMsgId,
      type: 'text',
      text: clientMsgId,
      attachment: null,
      internal: false,
      moderation: { action: 'allow' },
      actor: { userId, role: 'customer' },
    },
    metadata: { commandId: randomUUID(), now: new Date() },
  });

  it('still numbers densely with no duplicate when both write at once, retries included', async () => {
    const id = await mx.create('direct', [m('alice'), m('bob')]);
    const other = new ConversationWriter(mx.store, new SystemClock(), null);
    const sends = Array.from({ length: 300 }, (_, i) => [
      mx.writer.write(id, post(id, 'alice', `a-${i}`)),
      other.write(id, post(id, 'bob', `b-${i}`)),
      // The same message offered to both writers: exactly one of them may post it.
      mx.writer.write(id, post(id, 'alice', `dup-${i}`)),
      other.write(id, post(id, 'alice', `dup-${i}`)),
    ]).flat();
    const outcomes = await Promise.allSettled(sends);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const posted = (await mx.store.readStream(conversationStream(id)))
      .filter((e) => e.type === 'MessagePosted')
      .map((e) => e.data as MessagePostedData);
    expect(posted.map((p) => p.seq)).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
    const keys = posted.map((p) => `${p.senderId}/${p.clientMsgId}`);
    expect(new Set(keys).size).toBe(900);
  });
});
