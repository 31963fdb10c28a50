import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  baseUrl,
  connect,
  consultationChat,
  type ConsultationChat,
  type Device,
  history,
  seqs,
  startApi,
} from './messaging.fixture';

/** Who may touch a conversation, and 1,000 concurrent sends into one. */
describe('messaging: authorisation and concurrency', () => {
  let api: Api;
  let chat!: ConsultationChat;
  let owner: Device;
  let stranger: Device;

  beforeAll(async () => {
    api = await startApi();
    const customerId = api.id('customer');
    owner = await connect(api, customerId, 'customer');
    chat = await consultationChat(api, owner, customerId);
    stranger = await connect(api, api.id('stranger'), 'customer');
    await owner.emit('message.send', {
      conversationId: chat.conversationId,
      clientMsgId: 'hello',
      type: 'text',
      text: 'hello',
    });
  });
  afterAll(async () => {
    owner.close();
    stranger.close();
    await api.harness.dispose();
  });

  const refused = ['CONVERSATION_FORBIDDEN', 'CONVERSATION_NOT_FOUND', 'NOT_A_MEMBER'];

  it.each([
    [
      'message.send',
      () => ({ conversationId: chat.conversationId, clientMsgId: 'x', type: 'text', text: 'x' }),
    ],
    [
      'conversation.sync',
      () => ({ cursors: [{ conversationId: chat.conversationId, afterSeq: 0 }] }),
    ],
    ['conversation.read', () => ({ conversationId: chat.conversationId, seq: 1 })],
    ['typing', () => ({ conversationId: chat.conversationId, typing: true })],
    ['consultation.rate', () => ({ consultationId: chat.consultationId, score: 5 })],
  ])('a customer who is not a member is refused %s', async (event, payload) => {
    const before = await api.countAll();
    const ack = await stranger.emit(event, payload());
    expect(ack.ok).toBe(false);
    expect(ack.error?.code).toMatch(/FORBIDDEN|NOT_FOUND|NOT_A_MEMBER/);
    expect(await api.countAll()).toBe(before);
  });

  type Route = readonly ['get' | 'post' | 'delete', () => string, (() => object) | undefined];
  it.each<Route>([
    ['get', () => `/v1/conversations/${chat.conversationId}`, undefined],
    ['post', () => `/v1/conversations/${chat.conversationId}/members`, () => ({ userId: 'x' })],
    ['delete', () => `/v1/conversations/${chat.conversationId}/members/${chat.agentId}`, undefined],
    ['get', () => `/v1/conversations/${chat.conversationId}/messages?afterSeq=0`, undefined],
    [
      'post',
      () => `/v1/conversations/${chat.conversationId}/messages`,
      () => ({ clientMsgId: 'x', type: 'text', text: 'x' }),
    ],
    [
      'post',
      () => `/v1/conversations/${chat.conversationId}/read`,
      () => ({ seq: 1, deviceId: 'd1' }),
    ],
    [
      'post',
      () => '/v1/conversations/sync',
      () => ({ cursors: [{ conversationId: chat.conversationId, afterSeq: 0 }] }),
    ],
  ])('a customer who is not a member is refused %s %s', async (method, url, body) => {
    const before = await api.countAll();
    const agent = request(api.server);
    const call = { get: agent.get, post: agent.post, delete: agent.delete }[method].bind(agent);
    const res = await call(url())
      .set('Authorization', api.bearer(api.id('stranger'), 'customer'))
      .send(body?.());
    expect([403, 404]).toContain(res.status);
    expect(refused).toContain(res.body.code);
    expect(await api.countAll()).toBe(before);
  });

  it('a customer who is not a member gets a per-conversation refusal from group delivery', async () => {
    const before = await api.countAll();
    const res = await request(api.server)
      .post('/v1/messages')
      .set('Authorization', api.bearer(api.id('stranger'), 'customer'))
      .send({ conversationIds: [chat.conversationId], clientMsgId: 'x', type: 'text', text: 'x' });
    const results = (res.body as { results?: { ok: boolean; error?: { code: string } }[] }).results;
    if (results === undefined) expect([403, 404]).toContain(res.status);
    else expect(results).toEqual([expect.objectContaining({ ok: false })]);
    if (results !== undefined) expect(refused).toContain(results[0].error?.code);
    expect(await api.countAll()).toBe(before);
  });

  it('1,000 concurrent sends into one conversation get seq 1..n with no gap or duplicate', async () => {
    const url = `${baseUrl(api)}/v1/conversations/${chat.conversationId}/messages`;
    const auth = api.bearer(chat.agentId, 'agent');
    const before = (await history(api, chat.conversationId, auth)).length;
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        fetch(url, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({ clientMsgId: `burst-${i}`, type: 'text', text: `burst ${i}` }),
        }),
      ),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const all = await history(api, chat.conversationId, auth);
    expect(all).toHaveLength(before + 1000);
    expect(seqs(all)).toEqual(all.map((_, i) => i + 1));
    expect(new Set(all.map((m) => m.text)).size).toBe(all.length);
  });
});
