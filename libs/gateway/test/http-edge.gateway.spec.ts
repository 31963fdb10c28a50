import { MemoryCursorStore, SwitchboardClient } from '@switchboard/client';
import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EDGE_SERVICES } from '../src/edge/edge-services.port';
import { HttpEdgeServices } from '../src/edge/http.edge-services';
import { FakeService } from './support/fake-service';
import {
  AGENT,
  CUSTOMER,
  eventually,
  type GatewayHarness,
  request,
  startGateway,
} from './support/gateway.harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEND = { conversationId: 'conv-1', clientMsgId: 'c-1', type: 'text', text: 'hello' };

/**
 * A stateless gateway (`edge: {kind: 'http'}`): no CQRS buses and no context handlers in the
 * process; every client event becomes a REST call to im or customer-service AS the socket's
 * user, and the ack carries what the service answered.
 */
describe('SwitchboardGateway with the HTTP edge (no contexts in process)', () => {
  let im: FakeService;
  let cs: FakeService;
  let gateway: GatewayHarness;

  beforeEach(async () => {
    im = await FakeService.start();
    cs = await FakeService.start();
    cs.answer = () => ({ status: 200, json: { items: [], nextCursor: null } });
    gateway = await startGateway({
      edge: { kind: 'http', imUrl: im.url, customerServiceUrl: cs.url, timeoutMs: 300 },
    });
  });

  afterEach(async () => {
    await gateway.close();
    await im.close();
    await cs.close();
  });

  it('boots without any context provider and provides no queue-position notifier', () => {
    expect(gateway.app.get(EDGE_SERVICES)).toBeInstanceOf(HttpEdgeServices);
    expect(() => gateway.app.get(QUEUE_POSITION_NOTIFIER)).toThrow();
  });

  it("message.send posts to im with the handshake's own token and acks the message", async () => {
    im.answer = () => ({ status: 201, json: { id: 'm-1', seq: 3, senderId: 'cust-1' } });
    const customer = await gateway.connect(CUSTOMER, { deviceId: 'phone' });
    const answer = await request(customer, 'message.send', SEND);
    expect(answer).toEqual({ ok: true, message: { id: 'm-1', seq: 3, senderId: 'cust-1' } });
    const [sent] = im.requests;
    expect([sent.method, sent.url, sent.body]).toEqual([
      'POST',
      '/v1/conversations/conv-1/messages',
      { clientMsgId: 'c-1', type: 'text', text: 'hello' },
    ]);
    const bearer = String(sent.headers.authorization).replace(/^Bearer /, '');
    expect(gateway.tokens.verify(bearer)).toMatchObject(CUSTOMER);
    expect(sent.headers['x-correlation-id']).toMatch(UUID);
  });

  it('bad input is refused at the edge: no service is called', async () => {
    const customer = await gateway.connect(CUSTOMER);
    const answers = await Promise.all([
      request(customer, 'message.send', { ...SEND, type: 'video' }),
      request(customer, 'consultation.rate', { consultationId: 'not-a-uuid', score: 9 }),
    ]);
    expect(answers.map((answer) => answer.error.code)).toEqual([
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
    ]);
    // customer-service sees only the presence lookup of the connect.
    expect(im.requests).toEqual([]);
    expect(cs.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it("a service's refusal reaches the ack with its own code and message", async () => {
    im.answer = () => ({ status: 403, json: { code: 'NOT_A_MEMBER', message: 'Not a member' } });
    const customer = await gateway.connect(CUSTOMER);
    expect(await request(customer, 'message.send', SEND)).toEqual({
      ok: false,
      error: { code: 'NOT_A_MEMBER', message: 'Not a member' },
    });
  });

  it('a service that does not answer in time is SERVICE_UNAVAILABLE; the retry by clientMsgId succeeds', async () => {
    im.answer = () => 'hang';
    const customer = await gateway.connect(CUSTOMER);
    const first = await request(customer, 'message.send', SEND);
    expect(first).toEqual({
      ok: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) },
    });
    im.answer = () => ({ status: 201, json: { id: 'm-1', clientMsgId: 'c-1' } });
    const retry = await request(customer, 'message.send', SEND);
    expect(retry).toEqual({ ok: true, message: { id: 'm-1', clientMsgId: 'c-1' } });
    expect(customer.connected).toBe(true);
  });

  it('a token the services no longer accept ends the session: ack UNAUTHENTICATED, then disconnect', async () => {
    im.answer = () => ({
      status: 401,
      json: { code: 'UNAUTHENTICATED', message: 'The token has expired' },
    });
    const customer = await gateway.connect(CUSTOMER);
    const closed = new Promise<string>((resolve) => customer.once('disconnect', resolve));
    expect(await request(customer, 'message.send', SEND)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'The token has expired' },
    });
    expect(await closed).toBe('io server disconnect');
  });

  it('the client SDK retries a send refused SERVICE_UNAVAILABLE, with the same clientMsgId', async () => {
    let attempts = 0;
    im.answer = (r) => {
      if (r.url !== '/v1/conversations/conv-1/messages') {
        return { status: 200, json: { messages: [], more: false } };
      }
      attempts += 1;
      if (attempts === 1)
        return { status: 503, json: { code: 'SERVICE_UNAVAILABLE', message: 'x' } };
      const body = r.body as { clientMsgId: string };
      return { status: 201, json: { id: 'm-1', conversationId: 'conv-1', seq: 1, ...body } };
    };
    const client = new SwitchboardClient({
      url: gateway.url,
      token: gateway.tokens.sign(CUSTOMER),
      device: 'web',
      cursorStore: new MemoryCursorStore(),
      retry: { initialDelayMs: 10, maxDelayMs: 20 },
    });
    try {
      await client.connect();
      const message = await client.send({ conversationId: 'conv-1', type: 'text', text: 'hi' });
      expect(message).toMatchObject({ id: 'm-1', seq: 1, text: 'hi' });
    } finally {
      client.close();
    }
    const sends = im.requests.filter((r) => r.url === '/v1/conversations/conv-1/messages');
    expect(sends).toHaveLength(2);
    expect(sends[1].body).toEqual(sends[0].body);
  });

  it('typing asks im for the members as the typist and fans out to them', async () => {
    im.answer = () => ({
      status: 200,
      json: {
        id: 'conv-1',
        domain: 'travel',
        members: [
          { userId: 'cust-1', role: 'customer' },
          { userId: 'agent-1', role: 'agent' },
        ],
      },
    });
    const agent = await gateway.connect(AGENT);
    expect(await request(agent, 'typing', { conversationId: 'conv-1', typing: true })).toEqual({
      ok: true,
    });
    expect(im.requests.map((r) => r.url)).toEqual(['/v1/conversations/conv-1']);
    const call = await gateway.fanOut.waitFor((c) => c.event === 'typing');
    expect(call.audience).toEqual([
      { userId: 'cust-1', role: 'customer' },
      { userId: 'agent-1', role: 'agent' },
    ]);
  });

  /** customer-service opens consultation k-1 (conversation conv-9), which im then has. */
  const answerOpens = () => {
    cs.answer = (r) =>
      r.method === 'POST'
        ? { status: 201, json: { id: 'k-1', conversationId: 'conv-9', state: 'pending' } }
        : { status: 200, json: { items: [], nextCursor: null } };
    im.answer = () => ({ status: 200, json: { id: 'conv-9', members: [] } });
  };

  it('consultation.open opens at customer-service, then waits for the conversation at im', async () => {
    const customer = await gateway.connect(CUSTOMER);
    answerOpens();
    const answer = await request(customer, 'consultation.open', { domain: 'travel' });
    expect(answer).toEqual({
      ok: true,
      consultation: { id: 'k-1', conversationId: 'conv-9', state: 'pending' },
    });
    expect(cs.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { domain: 'travel' },
    ]);
    expect(im.requests.map((r) => r.url)).toEqual(['/v1/conversations/conv-9?wait=5']);
    // No requestId, no Idempotency-Key.
    const [open] = cs.requests.filter((r) => r.method === 'POST');
    expect(open?.headers).not.toHaveProperty('idempotency-key');
  });

  it("consultation.open's requestId travels as the Idempotency-Key header", async () => {
    const customer = await gateway.connect(CUSTOMER);
    answerOpens();
    await request(customer, 'consultation.open', { domain: 'travel', requestId: 'open-1' });
    const [open] = cs.requests.filter((r) => r.method === 'POST');
    expect(open?.headers['idempotency-key']).toBe('open-1');
    expect(open?.body).toEqual({ domain: 'travel' });
  });

  it("presence lists the customer's consultations with the customer's own token", async () => {
    cs.answer = () => ({
      status: 200,
      json: {
        items: [{ id: 'k1', customerId: 'cust-1', state: 'assigned', agentId: 'agent-1' }],
        nextCursor: null,
      },
    });
    await gateway.connect(CUSTOMER);
    const call = await gateway.fanOut.waitFor((c) => c.event === 'presence');
    expect(call).toMatchObject({
      audience: [{ userId: 'agent-1', role: 'agent' }],
      payload: { userId: 'cust-1', online: true },
    });
    await eventually(() => cs.requests.length > 0, 'the presence lookup');
    const [lookup] = cs.requests;
    expect(lookup.url).toBe('/v1/consultations?customerId=cust-1&limit=200');
    const bearer = String(lookup.headers.authorization).replace(/^Bearer /, '');
    expect(gateway.tokens.verify(bearer)).toMatchObject(CUSTOMER);
  });
});
