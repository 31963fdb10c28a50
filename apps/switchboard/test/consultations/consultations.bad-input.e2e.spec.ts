import { type Role } from '@switchboard/platform';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, startApi } from './consultations.fixture';

type Method = 'post' | 'put';

describe('consultations REST: bad input is 400 and changes nothing', () => {
  let api: Api;
  let consultationId: string;
  let agentId: string;
  const customerId = 'customer-bad-input';
  beforeAll(async () => {
    api = await startApi();
    agentId = await api.onlineAgent();
    consultationId = await api.open(customerId);
  });
  afterAll(() => api.harness.dispose());

  const as = (role: Role) =>
    role === 'customer' ? customerId : role === 'agent' ? agentId : `${role}-1`;

  // [name, method, path (c = consultation, a = agent), role, body, fields expected in errors]
  const cases: [string, Method, string, Role, unknown, string[]][] = [
    ['open: no domain', 'post', '/v1/consultations', 'customer', { subject: 'x' }, ['domain']],
    ['open: empty domain', 'post', '/v1/consultations', 'customer', { domain: '' }, ['domain']],
    [
      'open: unknown field',
      'post',
      '/v1/consultations',
      'customer',
      { domain: 't', customerId: 'x' },
      ['customerId'],
    ],
    [
      'open: nested context',
      'post',
      '/v1/consultations',
      'customer',
      { domain: 't', context: { a: { b: 1 } } },
      ['context'],
    ],
    [
      'open: group with spaces',
      'post',
      '/v1/consultations',
      'customer',
      { domain: 't', group: 'a b' },
      ['group'],
    ],
    ['assign: no agentId', 'post', '/c/assign', 'supervisor', {}, ['agentId']],
    ['assign: numeric agentId', 'post', '/c/assign', 'supervisor', { agentId: 7 }, ['agentId']],
    ['transfer: no target', 'post', '/c/transfer', 'supervisor', {}, ['agentId', 'group']],
    [
      'transfer: two targets',
      'post',
      '/c/transfer',
      'supervisor',
      { agentId: 'a-1', group: 'g' },
      ['group'],
    ],
    [
      'accept: any body field',
      'post',
      '/c/accept',
      'agent',
      { agentId: 'someone-else' },
      ['agentId'],
    ],
    ['resolve: any body field', 'post', '/c/resolve', 'agent', { by: 'x' }, ['by']],
    [
      'reopen: any body field',
      'post',
      '/c/reopen',
      'customer',
      { at: '2020-01-01T00:00:00Z' },
      ['at'],
    ],
    ['close: numeric reason', 'post', '/c/close', 'customer', { reason: 5 }, ['reason']],
    ['close: unknown field', 'post', '/c/close', 'customer', { by: 'system' }, ['by']],
    ['rate: score 6', 'post', '/c/rate', 'customer', { score: 6 }, ['score']],
    ['rate: score as text', 'post', '/c/rate', 'customer', { score: '5' }, ['score']],
    ['rate: fractional score', 'post', '/c/rate', 'customer', { score: 4.5 }, ['score']],
    [
      'rate: long comment',
      'post',
      '/c/rate',
      'customer',
      { score: 4, comment: 'x'.repeat(2001) },
      ['comment'],
    ],
    [
      'register: negative capacity',
      'post',
      '/v1/agents',
      'admin',
      { agentId: 'n-1', capacity: -1, groups: [], skills: [], weight: 1 },
      ['capacity'],
    ],
    [
      'register: missing lists',
      'post',
      '/v1/agents',
      'admin',
      { agentId: 'n-2', capacity: 1, weight: 1 },
      ['groups', 'skills'],
    ],
    [
      'register: zero weight',
      'post',
      '/v1/agents',
      'admin',
      { agentId: 'n-3', capacity: 1, groups: [], skills: [], weight: 0 },
      ['weight'],
    ],
    [
      'register: bad agentId',
      'post',
      '/v1/agents',
      'admin',
      { agentId: 'a b', capacity: 1, groups: [], skills: [], weight: 1 },
      ['agentId'],
    ],
    ['status: busy', 'put', '/a/status', 'supervisor', { status: 'busy' }, ['status']],
    ['capacity: fractional', 'put', '/a/capacity', 'supervisor', { capacity: 1.5 }, ['capacity']],
    ['groups: not a list', 'put', '/a/groups', 'supervisor', { groups: 'vip' }, ['groups']],
    ['skills: numbers', 'put', '/a/skills', 'supervisor', { skills: [1] }, ['skills']],
    ['weight: negative', 'put', '/a/weight', 'supervisor', { weight: -2 }, ['weight']],
    [
      'weight: extra field',
      'put',
      '/a/weight',
      'supervisor',
      { weight: 2, capacity: 1 },
      ['capacity'],
    ],
  ];

  const resolvePath = (path: string) =>
    path.startsWith('/c/')
      ? `/v1/consultations/${consultationId}/${path.slice(3)}`
      : path.startsWith('/a/')
        ? `/v1/agents/${agentId}/${path.slice(3)}`
        : path;

  it.each(cases)(
    '%s → 400 with field errors, nothing appended',
    async (_name, method, path, role, body, fields) => {
      const before = await api.countAll();
      const res = await call(api, method, resolvePath(path))
        .set('Authorization', api.bearer(as(role), role))
        .send(body as object)
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
        [...fields].sort(),
      );
      expect(await api.countAll()).toBe(before);
    },
  );

  it('answers malformed JSON with 400 MALFORMED_JSON and appends nothing', async () => {
    const before = await api.countAll();
    const res = await request(api.server)
      .post('/v1/consultations')
      .set('Authorization', api.bearer(customerId, 'customer'))
      .set('Content-Type', 'application/json')
      .send('{"domain": ')
      .expect(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
    expect(await api.countAll()).toBe(before);
  });

  it.each([
    ['get', 'get', '', 'supervisor'],
    ['assign', 'post', '/assign', 'supervisor'],
    ['accept', 'post', '/accept', 'agent'],
    ['close', 'post', '/close', 'customer'],
  ] as const)(
    'answers 400 for a malformed consultation id (%s)',
    async (_name, method, suffix, role) => {
      const res = await call(api, method, `/v1/consultations/not-a-uuid${suffix}`)
        .set('Authorization', api.bearer(as(role), role))
        .send(suffix === '/assign' ? { agentId } : undefined)
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'id' }] });
    },
  );

  it('answers 400 for a malformed agent id or queue key', async () => {
    const admin = api.bearer('admin-1', 'admin');
    await request(api.server).get('/v1/agents/a%20b').set('Authorization', admin).expect(400);
    await request(api.server).get('/v1/queues/nonsense').set('Authorization', admin).expect(400);
  });
});
