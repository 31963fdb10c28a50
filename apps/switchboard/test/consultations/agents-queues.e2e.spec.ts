import { handleCommand } from '@switchboard/es-core';
import { queueDecider, queueStreamId } from '@switchboard/routing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, eventually, startApi } from './consultations.fixture';

describe('agents and queues REST', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.harness.dispose());

  it('registers an agent offline, updates every attribute, lists and gets it', async () => {
    const admin = api.bearer('admin-1', 'admin');
    const agentId = api.id('agent');
    const registered = await request(api.server)
      .post('/v1/agents')
      .set('Authorization', admin)
      .send({ agentId, name: 'Ada', capacity: 2, groups: ['vip'], skills: ['refunds'], weight: 1 })
      .expect(201);
    expect(registered.body).toMatchObject({
      agentId,
      name: 'Ada',
      status: 'offline',
      load: 0,
      held: [],
    });
    const put = (suffix: string, body: object) =>
      request(api.server)
        .put(`/v1/agents/${agentId}/${suffix}`)
        .set('Authorization', admin)
        .send(body)
        .expect(200);
    await put('status', { status: 'online' });
    await put('capacity', { capacity: 4 });
    await put('groups', { groups: ['vip', 'billing'] });
    await put('skills', { skills: [] });
    const last = await put('weight', { weight: 2.5 });
    const expected = {
      agentId,
      status: 'online',
      capacity: 4,
      groups: ['vip', 'billing'],
      skills: [],
      weight: 2.5,
    };
    expect(last.body).toMatchObject(expected);
    // Setting the same value again appends nothing.
    const before = await api.countAll();
    await put('capacity', { capacity: 4 });
    expect(await api.countAll()).toBe(before);
    const agent = api.bearer(agentId, 'agent');
    await request(api.server)
      .get(`/v1/agents/${agentId}`)
      .set('Authorization', agent)
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject(expected));
    await eventually(async () => {
      const list = await request(api.server)
        .get('/v1/agents')
        .set('Authorization', agent)
        .expect(200);
      expect(list.body.find((a: { agentId: string }) => a.agentId === agentId)).toMatchObject(
        expected,
      );
    });
  });

  it('shows waiting consultations per queue with position and waiting time', async () => {
    const group = api.id('queue');
    const key = `group:${group}`;
    const ids = [await api.open(api.id('customer'), { domain: 'travel', group })];
    ids.push(await api.open(api.id('customer'), { domain: 'travel', group }));
    // What the router does with an opened consultation nobody can take (idempotent if it did).
    for (const consultationId of ids) {
      await handleCommand(api.store, queueStreamId(key), queueDecider, {
        type: 'enqueue',
        data: { consultationId, domain: 'travel', group },
        metadata: { commandId: randomUUID(), now: new Date() },
      });
    }
    const staff = api.bearer('supervisor-1', 'supervisor');
    const one = await eventually(async () => {
      const res = await request(api.server)
        .get(`/v1/queues/${key}`)
        .set('Authorization', staff)
        .expect(200);
      expect(res.body.waiting).toHaveLength(2);
      return res;
    });
    expect(one.body).toEqual({
      key,
      waiting: ids.map((consultationId, index) => ({
        consultationId,
        position: index + 1,
        waitingSince: expect.any(String),
        domain: 'travel',
        group,
      })),
    });
    const all = await request(api.server).get('/v1/queues').set('Authorization', staff).expect(200);
    expect(all.body.find((q: { key: string }) => q.key === key)).toEqual(one.body);
    const second = await request(api.server)
      .get(`/v1/consultations/${ids[1]}`)
      .set('Authorization', staff)
      .expect(200);
    expect(second.body).toMatchObject({ state: 'pending', queuePosition: 2 });

    // A manual assignment takes it out of the queue; the one behind moves up.
    const agentId = await api.onlineAgent();
    await request(api.server)
      .post(`/v1/consultations/${ids[0]}/assign`)
      .set('Authorization', staff)
      .send({ agentId })
      .expect(200);
    await eventually(async () => {
      const res = await request(api.server)
        .get(`/v1/queues/${key}`)
        .set('Authorization', staff)
        .expect(200);
      expect(res.body.waiting).toMatchObject([{ consultationId: ids[1], position: 1 }]);
    });
  });

  it('refuses a manual assignment beyond capacity or to an offline agent, and gives nothing away', async () => {
    const staff = api.bearer('supervisor-1', 'supervisor');
    const agentId = await api.onlineAgent({ capacity: 1 });
    const first = await api.open(api.id('customer'));
    const second = await api.open(api.id('customer'));
    await request(api.server)
      .post(`/v1/consultations/${first}/assign`)
      .set('Authorization', staff)
      .send({ agentId })
      .expect(200);
    const full = await request(api.server)
      .post(`/v1/consultations/${second}/assign`)
      .set('Authorization', staff)
      .send({ agentId })
      .expect(409);
    expect(full.body.code).toBe('AGENT_AT_CAPACITY');
    await request(api.server)
      .get(`/v1/consultations/${second}`)
      .set('Authorization', staff)
      .expect(200)
      .expect(({ body }) => expect(body.state).toBe('pending'));
    const again = await request(api.server)
      .post(`/v1/consultations/${first}/assign`)
      .set('Authorization', staff)
      .send({ agentId })
      .expect(409);
    expect(again.body.code).toBe('CONSULTATION_ALREADY_ASSIGNED');
    await request(api.server)
      .get(`/v1/agents/${agentId}`)
      .set('Authorization', staff)
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ load: 1, held: [first] }));

    const offline = api.id('agent');
    await request(api.server)
      .post('/v1/agents')
      .set('Authorization', staff)
      .send({ agentId: offline, capacity: 3, groups: [], skills: [], weight: 1 })
      .expect(201);
    const res = await request(api.server)
      .post(`/v1/consultations/${second}/assign`)
      .set('Authorization', staff)
      .send({ agentId: offline })
      .expect(409);
    expect(res.body.code).toBe('AGENT_NOT_ONLINE');
  });
});
