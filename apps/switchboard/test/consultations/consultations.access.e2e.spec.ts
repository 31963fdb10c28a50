import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, eventually, startApi } from './consultations.fixture';

describe('consultations REST: whose consultation it is', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.harness.dispose());

  it("a customer cannot get, rate, close or reopen another customer's consultation", async () => {
    const owner = api.id('customer');
    const other = api.bearer(api.id('customer'), 'customer');
    const id = await api.open(owner);
    const before = await api.countAll();
    const attempts = [
      request(api.server).get(`/v1/consultations/${id}`).set('Authorization', other),
      request(api.server)
        .post(`/v1/consultations/${id}/close`)
        .set('Authorization', other)
        .send({}),
      request(api.server)
        .post(`/v1/consultations/${id}/rate`)
        .set('Authorization', other)
        .send({ score: 1 }),
      request(api.server).post(`/v1/consultations/${id}/reopen`).set('Authorization', other),
    ];
    for (const res of await Promise.all(attempts)) {
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 403,
        code: 'CONSULTATION_FORBIDDEN',
      });
    }
    expect(await api.countAll()).toBe(before);
  });

  it("two customers' lists are disjoint, and a customer cannot list someone else's by filter", async () => {
    const alice = api.id('alice');
    const bob = api.id('bob');
    const aliceIds = [await api.open(alice), await api.open(alice)];
    const bobIds = [await api.open(bob)];
    const list = async (userId: string, query = '') =>
      (
        await request(api.server)
          .get(`/v1/consultations${query}`)
          .set('Authorization', api.bearer(userId, 'customer'))
          .expect(200)
      ).body.items.map((c: { id: string }) => c.id) as string[];
    await eventually(async () => {
      expect((await list(alice)).sort()).toEqual([...aliceIds].sort());
      expect(await list(bob)).toEqual(bobIds);
    });
    expect(await list(alice, `?customerId=${bob}`)).toEqual([]);
    // Staff see both, filtered as asked.
    const all = await request(api.server)
      .get(`/v1/consultations?customerId=${alice}&state=pending`)
      .set('Authorization', api.bearer('supervisor-1', 'supervisor'))
      .expect(200);
    expect(all.body.items.map((c: { id: string }) => c.id).sort()).toEqual([...aliceIds].sort());
  });

  it('pages newest first with a cursor', async () => {
    const customer = api.id('pager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await api.open(customer));
    const page = (query: string) =>
      request(api.server)
        .get(`/v1/consultations?limit=2${query}`)
        .set('Authorization', api.bearer(customer, 'customer'))
        .expect(200);
    const first = await eventually(async () => {
      const res = await page('');
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3]]);
      return res;
    });
    const second = await page(`&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
    const third = await page(`&cursor=${second.body.nextCursor}`);
    expect(third.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
  });

  it("an agent cannot accept (409) or resolve, transfer, close (403) another agent's consultation", async () => {
    const supervisor = api.bearer('supervisor-1', 'supervisor');
    const holder = await api.onlineAgent();
    const intruder = api.bearer(await api.onlineAgent(), 'agent');
    const id = await api.open(api.id('customer'));
    await request(api.server)
      .post(`/v1/consultations/${id}/assign`)
      .set('Authorization', supervisor)
      .send({ agentId: holder })
      .expect(200);
    const before = await api.countAll();
    const accept = await request(api.server)
      .post(`/v1/consultations/${id}/accept`)
      .set('Authorization', intruder)
      .expect(409);
    expect(accept.body.code).toBe('CONSULTATION_NOT_ASSIGNED_TO_AGENT');
    await request(api.server)
      .post(`/v1/consultations/${id}/accept`)
      .set('Authorization', api.bearer(holder, 'agent'))
      .expect(200);
    const after = await api.countAll();
    for (const [suffix, body] of [
      ['resolve', undefined],
      ['transfer', { group: 'g' }],
      ['close', {}],
    ] as const) {
      const res = await request(api.server)
        .post(`/v1/consultations/${id}/${suffix}`)
        .set('Authorization', intruder)
        .send(body)
        .expect(403);
      expect(res.body.code).toBe('CONSULTATION_FORBIDDEN');
    }
    expect(await api.countAll()).toBe(after);
    expect(after).toBeGreaterThan(before);
    // The intruder cannot even see it (not theirs, not in their groups).
    await request(api.server)
      .get(`/v1/consultations/${id}`)
      .set('Authorization', intruder)
      .expect(403);
    await request(api.server)
      .get(`/v1/consultations/${id}`)
      .set('Authorization', api.bearer(holder, 'agent'))
      .expect(200);
  });

  it("an agent sees pending consultations of their groups, not other groups'", async () => {
    const group = api.id('vip');
    const agentId = await api.onlineAgent({ groups: [group], capacity: 0 });
    const agent = api.bearer(agentId, 'agent');
    const mine = await api.open(api.id('customer'), { domain: 'travel', group });
    const theirs = await api.open(api.id('customer'), { domain: 'travel', group: api.id('other') });
    await request(api.server)
      .get(`/v1/consultations/${mine}`)
      .set('Authorization', agent)
      .expect(200);
    await request(api.server)
      .get(`/v1/consultations/${theirs}`)
      .set('Authorization', agent)
      .expect(403);
    await eventually(async () => {
      const res = await request(api.server)
        .get(`/v1/consultations?group=${group}`)
        .set('Authorization', agent)
        .expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([mine]);
    });
  });

  it('an agent may set only their own status; supervisors any', async () => {
    const agentId = await api.onlineAgent();
    const other = api.bearer(await api.onlineAgent(), 'agent');
    const res = await request(api.server)
      .put(`/v1/agents/${agentId}/status`)
      .set('Authorization', other)
      .send({ status: 'away' })
      .expect(403);
    expect(res.body.code).toBe('AGENT_FORBIDDEN');
    await request(api.server)
      .put(`/v1/agents/${agentId}/status`)
      .set('Authorization', api.bearer(agentId, 'agent'))
      .send({ status: 'away' })
      .expect(200)
      .expect(({ body }) => expect(body.status).toBe('away'));
    await request(api.server)
      .put(`/v1/agents/${agentId}/status`)
      .set('Authorization', api.bearer('admin-1', 'admin'))
      .send({ status: 'offline' })
      .expect(200)
      .expect(({ body }) => expect(body.status).toBe('offline'));
  });
});
