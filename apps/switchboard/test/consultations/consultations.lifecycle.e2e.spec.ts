import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, eventually, startApi } from './consultations.fixture';
import { type ConsultationAssigned, unpackReason } from '@switchboard/consultation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('consultations REST: lifecycle', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.harness.dispose());

  it('open → manual assign → accept → resolve → rate → close, each step read back', async () => {
    const { server, bearer } = api;
    const customerId = api.id('customer');
    const customer = bearer(customerId, 'customer');
    const supervisor = bearer('supervisor-1', 'supervisor');
    const agentId = await api.onlineAgent();
    const agent = bearer(agentId, 'agent');

    const opened = await request(server)
      .post('/v1/consultations')
      .set('Authorization', customer)
      .set('X-Correlation-Id', 'lifecycle-open-1')
      .send({
        domain: 'travel',
        group: api.id('nobody'),
        subject: 'Refund',
        context: { order: 'o-1' },
      })
      .expect(201);
    expect(opened.body).toEqual({
      id: expect.stringMatching(UUID),
      conversationId: expect.stringMatching(UUID),
      state: 'pending',
    });
    const id = opened.body.id as string;
    const path = `/v1/consultations/${id}`;

    const got = await request(server).get(path).set('Authorization', customer).expect(200);
    expect(got.body).toMatchObject({
      id,
      conversationId: opened.body.conversationId,
      state: 'pending',
      customerId,
      domain: 'travel',
      subject: 'Refund',
      context: { order: 'o-1' },
      agentId: null,
    });

    const assigned = await request(server)
      .post(`${path}/assign`)
      .set('Authorization', supervisor)
      .send({ agentId })
      .expect(200);
    expect(assigned.body).toMatchObject({ state: 'assigned', agentId, accepted: false });
    const stored = await api.store.readStream(`consultation-${id}`);
    const manual = stored.find((e) => e.type === 'ConsultationAssigned')
      ?.data as ConsultationAssigned['data'];
    expect(manual.agentId).toBe(agentId);
    expect(unpackReason(manual.reason)).toEqual({
      strategy: 'manual',
      candidates: [],
      winner: agentId,
    });
    const agentView = await request(server)
      .get(`/v1/agents/${agentId}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(agentView.body).toMatchObject({ agentId, status: 'online', load: 1, held: [id] });

    await request(server)
      .post(`${path}/accept`)
      .set('Authorization', agent)
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ state: 'assigned', accepted: true }));
    await request(server)
      .post(`${path}/resolve`)
      .set('Authorization', agent)
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ state: 'resolved', agentId }));
    await request(server)
      .post(`${path}/rate`)
      .set('Authorization', customer)
      .send({ score: 5, comment: 'Great' })
      .expect(200)
      .expect(({ body }) => expect(body.rating).toMatchObject({ score: 5, comment: 'Great' }));
    await request(server)
      .post(`${path}/close`)
      .set('Authorization', customer)
      .send({})
      .expect(200)
      .expect(({ body }) =>
        expect(body).toMatchObject({
          state: 'closed',
          closedBy: 'customer',
          closeReason: 'closed_by_customer',
        }),
      );

    // The read model catches up: the customer's list shows the closed consultation.
    await eventually(async () => {
      const list = await request(server)
        .get('/v1/consultations')
        .set('Authorization', customer)
        .expect(200);
      expect(list.body).toMatchObject({ items: [{ id, state: 'closed' }], nextCursor: null });
    });
    // Every write carried who and why.
    const events = await api.store.readStream(`consultation-${id}`);
    expect(events.find((e) => e.type === 'ConsultationOpened')?.metadata).toMatchObject({
      userId: customerId,
      correlationId: 'lifecycle-open-1',
    });
  });

  it('routes an opened consultation to an online agent of its group, with the reason', async () => {
    const { server, bearer } = api;
    const group = api.id('routed');
    const agentId = await api.onlineAgent({ groups: [group], capacity: 2 });
    const agent = bearer(agentId, 'agent');
    const id = await api.open(api.id('customer'), { domain: 'travel', group });
    const path = `/v1/consultations/${id}`;
    await eventually(async () => {
      const res = await request(server).get(path).set('Authorization', agent).expect(200);
      expect(res.body).toMatchObject({ state: 'assigned', agentId, accepted: false });
    });
    const assigned = (await api.store.readStream(`consultation-${id}`)).find(
      (e) => e.type === 'ConsultationAssigned',
    );
    // Stored as v5 (candidates in columns, least-load scores left to the loads: D48); the public
    // v1 shape, scores included, is what unpackReason gives.
    const data = assigned?.data as ConsultationAssigned['data'];
    expect(assigned?.metadata.version).toBe(5);
    expect(data.agentId).toBe(agentId);
    expect(unpackReason(data.reason)).toMatchObject({
      winner: agentId,
      candidates: expect.arrayContaining([
        expect.objectContaining({ agentId, eligible: true, score: expect.any(Number) }),
      ]),
    });
    await request(server).post(`${path}/accept`).set('Authorization', agent).expect(200);
    await request(server).post(`${path}/resolve`).set('Authorization', agent).expect(200);
    await request(server)
      .post(`${path}/close`)
      .set('Authorization', agent)
      .send({ reason: 'done' })
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ state: 'closed', closedBy: 'agent' }));
    // The capacity process manager gives the slot back.
    await eventually(async () => {
      const res = await request(server).get(`/v1/agents/${agentId}`).set('Authorization', agent);
      expect(res.body).toMatchObject({ load: 0, held: [] });
    });
  });

  it('transfers to another agent and to a group; reopens within the window', async () => {
    const { server, bearer } = api;
    const customerId = api.id('customer');
    const supervisor = bearer('supervisor-1', 'supervisor');
    const first = await api.onlineAgent();
    const second = await api.onlineAgent();
    const id = await api.open(customerId);
    const path = `/v1/consultations/${id}`;
    await request(server)
      .post(`${path}/assign`)
      .set('Authorization', supervisor)
      .send({ agentId: first })
      .expect(200);

    const toAgent = await request(server)
      .post(`${path}/transfer`)
      .set('Authorization', bearer(first, 'agent'))
      .send({ agentId: second, reason: 'billing question' })
      .expect(200);
    expect(toAgent.body).toMatchObject({
      state: 'assigned',
      agentId: second,
      accepted: false,
      transfers: 1,
    });
    // The old agent may no longer act on it.
    await request(server)
      .post(`${path}/resolve`)
      .set('Authorization', bearer(first, 'agent'))
      .expect(403);

    const toGroup = await request(server)
      .post(`${path}/transfer`)
      .set('Authorization', supervisor)
      .send({ group: api.id('billing') })
      .expect(200);
    expect(toGroup.body).toMatchObject({ state: 'pending', agentId: null, transfers: 2 });

    await request(server)
      .post(`${path}/assign`)
      .set('Authorization', supervisor)
      .send({ agentId: second })
      .expect(200);
    await request(server)
      .post(`${path}/accept`)
      .set('Authorization', bearer(second, 'agent'))
      .expect(200);
    await request(server)
      .post(`${path}/resolve`)
      .set('Authorization', bearer(second, 'agent'))
      .expect(200);
    const reopened = await request(server)
      .post(`${path}/reopen`)
      .set('Authorization', bearer(customerId, 'customer'))
      .expect(200);
    expect(reopened.body).toMatchObject({ state: 'pending', reopens: 1 });
  });

  it('answers 409 with a typed code for a transition the state does not allow', async () => {
    const { server, bearer } = api;
    const customerId = api.id('customer');
    const id = await api.open(customerId);
    const res = await request(server)
      .post(`/v1/consultations/${id}/rate`)
      .set('Authorization', bearer(customerId, 'customer'))
      .send({ score: 4 })
      .expect(409);
    expect(res.body.code).toBe('CONSULTATION_INVALID_TRANSITION');
  });
});
