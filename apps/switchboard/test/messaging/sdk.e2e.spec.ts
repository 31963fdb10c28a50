import { MemoryCursorStore, SwitchboardClient } from '@switchboard/client';
import { type MessageView } from '@switchboard/conversation/application/views/message.view';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, baseUrl, eventually, startApi, token } from './messaging.fixture';

/**
 * The client SDK against the real app: a customer and an agent chat through the SDK over each
 * transport; the customer's client is closed mid-stream and a new one with the same cursor
 * store picks up every message exactly once.
 */
describe.each([
  ['socket', { transport: 'socket' }],
  ['socket.io polling', { transport: 'socket', socketTransports: ['polling'] }],
  ['REST long-poll', { transport: 'long-poll', longPoll: { waitSeconds: 2 } }],
] as const)('SDK over %s', (_name, transport) => {
  let api: Api;
  const clients: SwitchboardClient[] = [];
  beforeAll(async () => {
    api = await startApi({ GATEWAY_ACK_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await api.harness.dispose();
  });

  const client = (userId: string, role: 'customer' | 'agent', cursorStore: MemoryCursorStore) => {
    const c = new SwitchboardClient({
      url: baseUrl(api),
      token: token(api, userId, role),
      device: 'web',
      cursorStore,
      ...transport,
    });
    clients.push(c);
    return c;
  };

  it('delivers both ways exactly once, also across a client restart', async () => {
    const group = api.id('team');
    const agentId = await api.onlineAgent({ groups: [group] });
    const customerId = api.id('customer');
    const customerCursors = new MemoryCursorStore();
    const customer = client(customerId, 'customer', customerCursors);
    const agent = client(agentId, 'agent', new MemoryCursorStore());
    const seen = { customer: [] as MessageView[], agent: [] as MessageView[] };
    customer.on('message', (m) => seen.customer.push(m));
    agent.on('message', (m) => seen.agent.push(m));
    await customer.connect();
    await agent.connect();

    const consultation = await customer.openConsultation({ domain: 'travel', group });
    await eventually(async () => {
      const res = await request(api.server)
        .post(`/v1/consultations/${consultation.id}/accept`)
        .set('Authorization', api.bearer(agentId, 'agent'))
        .send({});
      expect(res.status).toBe(200);
    }, 5_000);
    const conversationId = consultation.conversationId;
    // Membership follows the consultation's events through the bus (eventually consistent):
    // the accept can be answered before the conversation has added the agent.
    await eventually(async () => {
      const res = await request(api.server)
        .get(`/v1/conversations/${conversationId}`)
        .set('Authorization', api.bearer(agentId, 'agent'));
      expect(res.status).toBe(200);
    }, 5_000);
    await agent.follow(conversationId);

    for (let i = 0; i < 5; i++)
      await customer.send({ conversationId, type: 'text', text: `c${i}` });
    for (let i = 0; i < 5; i++) await agent.send({ conversationId, type: 'text', text: `a${i}` });
    await eventually(async () => {
      expect(texts(seen.agent)).toEqual(expect.arrayContaining(['c4', 'a4']));
      expect(texts(seen.customer)).toEqual(expect.arrayContaining(['c4', 'a4']));
    }, 10_000);

    // The customer's app restarts; the agent keeps writing meanwhile.
    customer.close();
    for (let i = 5; i < 15; i++) await agent.send({ conversationId, type: 'text', text: `a${i}` });
    const again = client(customerId, 'customer', customerCursors);
    const later: MessageView[] = [];
    again.on('message', (m) => later.push(m));
    await again.connect();
    await agent.send({ conversationId, type: 'text', text: 'a15' });

    await eventually(async () => {
      expect(later.map((m) => m.text)).toContain('a15');
      const all = await request(api.server)
        .get(`/v1/conversations/${conversationId}/messages?afterSeq=0&limit=200`)
        .set('Authorization', api.bearer(customerId, 'customer'))
        .expect(200);
      const history = (all.body.messages as MessageView[]).map((m) => m.seq);
      // Together, the two client instances saw every message once, in seq order.
      expect([...seen.customer, ...later].map((m) => m.seq)).toEqual(history);
    }, 10_000);
    expect(texts(seen.agent).filter((t) => t === 'c0')).toHaveLength(1);
  });
});

function texts(messages: readonly MessageView[]): (string | undefined)[] {
  return messages.map((m) => m.text);
}
