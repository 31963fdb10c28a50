import { type Role } from '@switchboard/platform';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from '../consultations/consultations.fixture';

const ENTRY = { entryId: 'refund', question: 'Refund?', answer: 'Within 7 days.' };
const REPLY = { replyId: 'greet', title: 'Greeting', text: 'Hello!' };

describe('FAQ REST: bad input 400, wrong role 403, unknown ids 404, nothing appended', () => {
  let api: Api;
  const domain = 'faq-errors';
  const entries = `/v1/faq/${domain}/entries`;
  const replies = `/v1/canned-replies/${domain}`;
  beforeAll(async () => {
    api = await startApi();
    const supervisor = api.bearer('supervisor-1', 'supervisor');
    await request(api.server)
      .post(entries)
      .set('Authorization', supervisor)
      .send(ENTRY)
      .expect(201);
    await request(api.server)
      .post(replies)
      .set('Authorization', supervisor)
      .send(REPLY)
      .expect(201);
  });
  afterAll(() => api.harness.dispose());

  type Method = 'post' | 'put' | 'delete' | 'get';
  // [name, method, url, role, body, status, code]
  const cases: [string, Method, string, Role, object | undefined, number, string][] = [
    ['entry: no question', 'post', entries, 'admin', { answer: 'a' }, 400, 'VALIDATION_FAILED'],
    [
      'entry: blank answer',
      'post',
      entries,
      'admin',
      { question: 'q', answer: '  ' },
      400,
      'FAQ_INVALID_COMMAND',
    ],
    [
      'entry: unknown field',
      'post',
      entries,
      'admin',
      { ...ENTRY, entryId: 'x', score: 3 },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'entry: keywords not strings',
      'post',
      entries,
      'admin',
      { ...ENTRY, entryId: 'y', keywords: [1] },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'entry: id with spaces',
      'post',
      entries,
      'admin',
      { ...ENTRY, entryId: 'a b' },
      400,
      'VALIDATION_FAILED',
    ],
    ['entry: duplicate id', 'post', entries, 'admin', ENTRY, 409, 'FAQ_ENTRY_EXISTS'],
    [
      'entry: update with entryId in body',
      'put',
      `${entries}/refund`,
      'admin',
      { ...ENTRY },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'entry: update unknown',
      'put',
      `${entries}/nope`,
      'admin',
      { question: 'q', answer: 'a' },
      404,
      'FAQ_ENTRY_NOT_FOUND',
    ],
    [
      'entry: delete unknown',
      'delete',
      `${entries}/nope`,
      'admin',
      undefined,
      404,
      'FAQ_ENTRY_NOT_FOUND',
    ],
    [
      'entry: get unknown',
      'get',
      `${entries}/nope`,
      'agent',
      undefined,
      404,
      'FAQ_ENTRY_NOT_FOUND',
    ],
    ['entry: agent writes', 'post', entries, 'agent', { ...ENTRY, entryId: 'z' }, 403, 'FORBIDDEN'],
    ['entry: customer reads', 'get', entries, 'customer', undefined, 403, 'FORBIDDEN'],
    ['entry: agent deletes', 'delete', `${entries}/refund`, 'agent', undefined, 403, 'FORBIDDEN'],
    ['reply: no text', 'post', replies, 'supervisor', { title: 't' }, 400, 'VALIDATION_FAILED'],
    [
      'reply: blank title',
      'post',
      replies,
      'supervisor',
      { title: ' ', text: 't' },
      400,
      'FAQ_INVALID_COMMAND',
    ],
    ['reply: duplicate id', 'post', replies, 'supervisor', REPLY, 409, 'CANNED_REPLY_EXISTS'],
    [
      'reply: update unknown',
      'put',
      `${replies}/nope`,
      'supervisor',
      { title: 't', text: 'x' },
      404,
      'CANNED_REPLY_NOT_FOUND',
    ],
    [
      'reply: customer writes',
      'post',
      replies,
      'customer',
      { ...REPLY, replyId: 'c' },
      403,
      'FORBIDDEN',
    ],
    [
      'match: no text',
      'get',
      `/v1/faq/${domain}/match`,
      'customer',
      undefined,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'match: limit 0',
      'get',
      `/v1/faq/${domain}/match?text=a&limit=0`,
      'customer',
      undefined,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'suggestions: bad id',
      'get',
      '/v1/consultations/nope/suggestions?text=a',
      'agent',
      undefined,
      400,
      'VALIDATION_FAILED',
    ],
  ];

  it.each(cases)('%s', async (_name, method, url, role, body, status, code) => {
    const before = await api.countAll();
    const client = request(api.server);
    let req = client[method](url).set('Authorization', api.bearer(`${role}-1`, role));
    if (body !== undefined) req = req.send(body);
    const res = await req.expect(status);
    expect(res.body.code).toBe(code);
    expect(await api.countAll()).toBe(before);
  });

  it('without a token: 401', async () => {
    await request(api.server).get(`/v1/faq/${domain}/match?text=refund`).expect(401);
  });
});
