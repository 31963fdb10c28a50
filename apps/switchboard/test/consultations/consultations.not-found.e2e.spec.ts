import { type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, startApi } from './consultations.fixture';

type Method = 'post' | 'put';

describe('consultations REST: unknown ids are 404', () => {
  let api: Api;
  let agentId: string;
  const customerId = 'customer-bad-input';
  beforeAll(async () => {
    api = await startApi();
    agentId = await api.onlineAgent();
  });
  afterAll(() => api.harness.dispose());

  const as = (role: Role) =>
    role === 'customer' ? customerId : role === 'agent' ? agentId : `${role}-1`;

  // [name, method, path suffix, role, body]
  const unknown: [string, Method | 'get', string, Role, unknown][] = [
    ['get', 'get', '', 'supervisor', undefined],
    ['assign', 'post', '/assign', 'supervisor', { agentId: 'agent-x' }],
    ['accept', 'post', '/accept', 'agent', undefined],
    ['transfer', 'post', '/transfer', 'supervisor', { group: 'g' }],
    ['resolve', 'post', '/resolve', 'agent', undefined],
    ['close', 'post', '/close', 'customer', {}],
    ['reopen', 'post', '/reopen', 'customer', undefined],
    ['rate', 'post', '/rate', 'customer', { score: 3 }],
  ];

  it.each(unknown)(
    '%s of an unknown consultation → 404 CONSULTATION_NOT_FOUND, nothing appended',
    async (_n, method, suffix, role, body) => {
      const before = await api.countAll();
      const res = await call(api, method, `/v1/consultations/${randomUUID()}${suffix}`)
        .set('Authorization', api.bearer(as(role), role))
        .send(body as object)
        .expect(404);
      expect(res.body.code).toBe('CONSULTATION_NOT_FOUND');
      expect(await api.countAll()).toBe(before);
    },
  );

  it.each([
    ['get', 'get', '', undefined],
    ['status', 'put', '/status', { status: 'online' }],
    ['capacity', 'put', '/capacity', { capacity: 2 }],
    ['groups', 'put', '/groups', { groups: ['g'] }],
    ['skills', 'put', '/skills', { skills: ['s'] }],
    ['weight', 'put', '/weight', { weight: 2 }],
  ] as const)('%s of an unknown agent → 404 AGENT_NOT_FOUND', async (_n, method, suffix, body) => {
    const before = await api.countAll();
    const res = await call(api, method, `/v1/agents/nobody-${randomUUID()}${suffix}`)
      .set('Authorization', api.bearer('admin-1', 'admin'))
      .send(body)
      .expect(404);
    expect(res.body.code).toBe('AGENT_NOT_FOUND');
    expect(await api.countAll()).toBe(before);
  });

  it('assigning to an unknown agent → 404 AGENT_NOT_FOUND, the consultation stays pending', async () => {
    const id = await api.open(customerId);
    const before = await api.countAll();
    const res = await request(api.server)
      .post(`/v1/consultations/${id}/assign`)
      .set('Authorization', api.bearer('supervisor-1', 'supervisor'))
      .send({ agentId: 'agent-who-never-was' })
      .expect(404);
    expect(res.body.code).toBe('AGENT_NOT_FOUND');
    expect(await api.countAll()).toBe(before);
  });

  it('an unknown queue → 404 QUEUE_NOT_FOUND', async () => {
    const res = await request(api.server)
      .get('/v1/queues/group:never-seen')
      .set('Authorization', api.bearer('agent-1', 'agent'))
      .expect(404);
    expect(res.body.code).toBe('QUEUE_NOT_FOUND');
  });

  it('registering an agent twice → 409 AGENT_ALREADY_REGISTERED', async () => {
    const res = await request(api.server)
      .post('/v1/agents')
      .set('Authorization', api.bearer('admin-1', 'admin'))
      .send({ agentId, capacity: 1, groups: [], skills: [], weight: 1 })
      .expect(409);
    expect(res.body.code).toBe('AGENT_ALREADY_REGISTERED');
  });
});
