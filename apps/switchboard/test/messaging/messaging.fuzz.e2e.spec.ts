import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@switchboard/testing';
import { malformed, type Template } from './fuzz.payloads';
import {
  type Api,
  connect,
  consultationChat,
  type ConsultationChat,
  type Device,
  startApi,
} from './messaging.fixture';

const SEED = 20261204;

/**
 * Issue 4: ≥ 1,000 random malformed payloads to every socket event and REST route of the
 * messaging path, sent by a member (so authorisation is not what refuses them): every one gets
 * a typed error, nothing is appended, and the process keeps answering.
 */
describe('messaging fuzz', () => {
  let api: Api;
  let chat!: ConsultationChat;
  let customer: Device;

  beforeAll(async () => {
    api = await startApi();
    const customerId = api.id('customer');
    customer = await connect(api, customerId, 'customer');
    chat = await consultationChat(api, customer, customerId);
  });
  afterAll(async () => {
    customer.close();
    await api.harness.dispose();
  });

  const socketEvents = (): [string, Template][] => [
    [
      'message.send',
      { conversationId: chat.conversationId, clientMsgId: 'c1', type: 'text', text: 'hi' },
    ],
    ['conversation.sync', { cursors: [{ conversationId: chat.conversationId, afterSeq: 0 }] }],
    ['conversation.read', { conversationId: chat.conversationId, seq: 1 }],
    ['typing', { conversationId: chat.conversationId, typing: true }],
    ['consultation.open', { domain: 'travel' }],
    ['consultation.rate', { consultationId: chat.consultationId, score: 5 }],
  ];

  it('answers 1,200 malformed socket payloads with typed errors and changes nothing', async () => {
    const random = seededRandom(SEED);
    const before = await api.countAll();
    for (const [event, template] of socketEvents()) {
      const acks = await Promise.all(
        Array.from({ length: 200 }, () => customer.emit(event, malformed(template, random))),
      );
      for (const ack of acks) {
        expect(ack.ok, `${event}: ${JSON.stringify(ack)}`).toBe(false);
        expect(ack.error?.code).toMatch(/^[A-Z_]+$/);
      }
    }
    expect(await api.countAll()).toBe(before);
    const valid = await customer.emit('conversation.sync', {
      cursors: [{ conversationId: chat.conversationId, afterSeq: 0 }],
    });
    expect(valid.ok).toBe(true);
  });

  const routes = (): [string, Template][] => [
    ['/v1/conversations', { kind: 'direct', members: [{ userId: 'someone' }] }],
    [
      `/v1/conversations/${chat.conversationId}/messages`,
      { clientMsgId: 'c2', type: 'text', text: 'hi' },
    ],
    [
      '/v1/messages',
      { conversationIds: [chat.conversationId], clientMsgId: 'c3', type: 'text', text: 'hi' },
    ],
    ['/v1/conversations/sync', { cursors: [{ conversationId: chat.conversationId, afterSeq: 0 }] }],
    [`/v1/conversations/${chat.conversationId}/read`, { seq: 1, deviceId: 'd1' }],
    [`/v1/conversations/${chat.conversationId}/members`, { userId: 'someone' }],
  ];

  it('answers 1,200 malformed REST bodies with 400 and a code, and changes nothing', async () => {
    const random = seededRandom(SEED + 1);
    const before = await api.countAll();
    const auth = api.bearer(chat.customerId, 'customer');
    for (const [url, template] of routes()) {
      for (let i = 0; i < 200; i++) {
        const body = malformed(template, random);
        const res = await request(api.server)
          .post(url)
          .set('Authorization', auth)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
        expect(res.status, `${url} ${JSON.stringify(body).slice(0, 200)}`).toBe(400);
        expect(res.body.code).toMatch(/^[A-Z_]+$/);
      }
    }
    expect(await api.countAll()).toBe(before);
    await request(api.server).get('/health').expect(200);
  });

  it('rejects malformed history queries with 400', async () => {
    const auth = api.bearer(chat.customerId, 'customer');
    for (const query of [
      'afterSeq=-1',
      'afterSeq=x',
      'limit=0',
      'limit=100000',
      'wait=31',
      'wait=-2',
      'beforeSeq=1.5',
      'extra=1',
    ]) {
      const res = await request(api.server)
        .get(`/v1/conversations/${chat.conversationId}/messages?${query}`)
        .set('Authorization', auth);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
