import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  connect,
  consultationChat,
  type Device,
  eventually,
  history,
  type Message,
  seqs,
  startApi,
} from './messaging.fixture';

/**
 * Issue 4's delivery guarantees end to end, in one process with the embedded adapters: real
 * socket.io clients → gateway → conversation → SQLite → relay → in-process bus → dispatcher →
 * registry → gateway → clients.
 */
describe.each([['websocket'], ['polling']] as const)('messaging over %s', (transport) => {
  let api: Api;
  const opened: Device[] = [];
  const device = async (...args: Parameters<typeof connect>) => {
    const d = await connect(args[0], args[1], args[2], { transports: [transport], ...args[3] });
    opened.push(d);
    return d;
  };

  beforeAll(async () => {
    api = await startApi({ GATEWAY_ACK_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    opened.forEach((d) => d.close());
    await api.harness.dispose();
  });

  const text = (conversationId: string, clientMsgId: string, body = clientMsgId) => ({
    conversationId,
    clientMsgId,
    type: 'text',
    text: body,
  });

  it('delivers every message once, in seq order, to every device of every recipient', async () => {
    const customerId = api.id('customer');
    const phone = await device(api, customerId, 'customer', { device: 'web' });
    const laptop = await device(api, customerId, 'customer', { device: 'desktop' });
    const chat = await consultationChat(api, phone, customerId);
    const agent = await device(api, chat.agentId, 'agent', { device: 'desktop' });

    for (let i = 0; i < 15; i++) {
      const from = i % 3 === 2 ? agent : phone;
      const ack = await from.emit('message.send', text(chat.conversationId, `m-${i}`));
      expect(ack.ok).toBe(true);
    }
    const all = await history(api, chat.conversationId, api.bearer(chat.agentId, 'agent'));
    const ours = (m: Message) => m.text?.startsWith('m-') === true;
    await eventually(async () => {
      // Every customer device gets everything, the sending one included (it drops its own
      // sends by id, as the SDK does); the agent, who connected after the greeting, every
      // message of ours.
      expect(seqs(laptop.received)).toEqual(seqs(all));
      expect(seqs(phone.received)).toEqual(seqs(all));
      expect(seqs(agent.received.filter(ours))).toEqual(seqs(all.filter(ours)));
    }, 10_000);
    expect(seqs(all)).toEqual(all.map((_, i) => i + 1));
    expect(new Set(laptop.received.map((m) => m.id)).size).toBe(laptop.received.length);
  });

  it('a device that drops mid-stream and syncs on return has every message exactly once', async () => {
    const customerId = api.id('customer');
    const phone = await device(api, customerId, 'customer');
    const chat = await consultationChat(api, phone, customerId);
    const agent = await device(api, chat.agentId, 'agent', { device: 'desktop' });

    const got = new Map<string, Message>();
    const keep = (list: readonly Message[]) => list.forEach((m) => got.set(m.id, m));
    for (let i = 0; i < 10; i++)
      await agent.emit('message.send', text(chat.conversationId, `a-${i}`));
    await eventually(async () => expect(phone.received.length).toBeGreaterThanOrEqual(10));
    keep(phone.received);
    const cursor = Math.max(...phone.received.map((m) => m.seq));
    phone.close();

    for (let i = 10; i < 30; i++)
      await agent.emit('message.send', text(chat.conversationId, `a-${i}`));
    const back = await device(api, customerId, 'customer');
    const pushedMeanwhile = agent.emit('message.send', text(chat.conversationId, 'a-30'));
    const synced = await back.emit('conversation.sync', {
      cursors: [{ conversationId: chat.conversationId, afterSeq: cursor }],
    });
    expect(synced.ok).toBe(true);
    await pushedMeanwhile;
    keep(synced.messages as Message[]);
    await eventually(async () => {
      keep(back.received);
      const all = await history(api, chat.conversationId, api.bearer(customerId, 'customer'));
      expect([...got.values()].map((m) => m.seq).sort((a, b) => a - b)).toEqual(seqs(all));
    }, 10_000);
    // Exactly once per device session: the sync answer and the live pushes may overlap only
    // by id, which the client dedups; within each, no message repeats.
    expect(new Set(back.received.map((m) => m.id)).size).toBe(back.received.length);
  });

  it('ten sends with one clientMsgId make one message and ten identical acks', async () => {
    const customerId = api.id('customer');
    const phone = await device(api, customerId, 'customer');
    const chat = await consultationChat(api, phone, customerId);
    const acks = await Promise.all(
      Array.from({ length: 10 }, () =>
        phone.emit('message.send', text(chat.conversationId, 'once')),
      ),
    );
    const ids = new Set(acks.map((a) => (a.message as Message).id));
    const seqSet = new Set(acks.map((a) => (a.message as Message).seq));
    expect(acks.every((a) => a.ok)).toBe(true);
    expect([ids.size, seqSet.size]).toEqual([1, 1]);
    const all = await history(api, chat.conversationId, api.bearer(customerId, 'customer'));
    expect(all.filter((m) => m.text === 'once')).toHaveLength(1);
  });

  it('retries an unacked message.new until the client acks it', async () => {
    const customerId = api.id('customer');
    const phone = await device(api, customerId, 'customer');
    const chat = await consultationChat(api, phone, customerId);
    let refusals = 0;
    const stubborn = await device(api, chat.agentId, 'agent', {
      device: 'desktop',
      ackPush: (m) => m.text !== 'retry-me' || ++refusals > 2,
    });
    await phone.emit('message.send', text(chat.conversationId, 'retry-me'));
    await eventually(async () => {
      expect(stubborn.received.filter((m) => m.text === 'retry-me')).toHaveLength(3);
    }, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Acked on the third push: no fourth.
    expect(stubborn.received.filter((m) => m.text === 'retry-me')).toHaveLength(3);
  });
});
