import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Pipeline, startPipeline } from './user-pipeline.fixture';

interface Entry {
  type: string;
  data: Record<string, unknown>;
}

/** From REST writes to the user views, through relay, bus, projector and fact store. */
describe('user views follow the topics (whole app)', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(() => p.dispose());

  it('a routed consultation: the holding agent sees the customer, notes stay staff-only', async () => {
    const customerId = p.id('customer');
    const agentId = p.id('agent');
    const group = p.id('team');
    const customer = p.bearer(customerId, 'customer');
    const agent = p.bearer(agentId, 'agent');
    const supervisor = p.bearer('supervisor-1', 'supervisor');
    await request(p.server)
      .post('/v1/agents')
      .set('Authorization', supervisor)
      .send({ agentId, capacity: 2, groups: [group], skills: [], weight: 1 })
      .expect(201);
    await request(p.server)
      .put(`/v1/agents/${agentId}/status`)
      .set('Authorization', agent)
      .send({ status: 'online' })
      .expect(200);

    const opened = await request(p.server)
      .post('/v1/consultations')
      .set('Authorization', customer)
      .send({ domain: 'travel', group })
      .expect(201);
    const { id, conversationId } = opened.body as { id: string; conversationId: string };
    const send = (auth: string, clientMsgId: string, internal?: boolean) =>
      request(p.server)
        .post(`/v1/conversations/${conversationId}/messages`)
        .set('Authorization', auth)
        .send({ clientMsgId, type: 'text', text: clientMsgId, ...(internal ? { internal } : {}) })
        .expect(201);
    await send(customer, 'hello');
    // The agent joins the conversation once the assignment has travelled over the topic.
    await eventually(() => send(agent, 'note', true));
    await send(agent, 'answer');

    const staffTimeline = await eventually(async () => {
      const res = await request(p.server)
        .get(`/v1/customers/${customerId}/timeline`)
        .set('Authorization', agent)
        .expect(200);
      const items = res.body.items as Entry[];
      expect(items.filter((entry) => entry.type === 'message').length).toBeGreaterThanOrEqual(3);
      return items;
    });
    expect(staffTimeline[0]).toMatchObject({ type: 'consultation.opened', consultationId: id });
    expect(staffTimeline.some((entry) => entry.type === 'consultation.assigned')).toBe(true);
    expect(staffTimeline.filter((entry) => entry.data.internal === true)).toHaveLength(1);

    const own = await request(p.server).get('/v1/me/timeline').set('Authorization', customer);
    expect(own.status).toBe(200);
    const ownItems = own.body.items as Entry[];
    expect(ownItems.filter((entry) => entry.data.internal === true)).toEqual([]);
    expect(ownItems.length).toBe(staffTimeline.length - 1);

    const profile = await request(p.server)
      .get(`/v1/customers/${customerId}/profile`)
      .set('Authorization', agent)
      .expect(200);
    expect(profile.body).toMatchObject({
      customerId,
      domains: ['travel'],
      consultations: { total: 1, open: 1, closed: 0 },
      messagesSent: 1,
    });
    await request(p.server)
      .get(`/v1/customers/${customerId}/profile`)
      .set('Authorization', p.bearer(p.id('agent'), 'agent'))
      .expect(404);

    // Resolved, rated, closed by the customer: the rating shows with its agent, and the agent,
    // who no longer holds a consultation of this customer, gets the 404 of an unknown customer.
    const consultation = `/v1/consultations/${id}`;
    for (const step of ['accept', 'resolve']) {
      await request(p.server)
        .post(`${consultation}/${step}`)
        .set('Authorization', agent)
        .send({})
        .expect(200);
    }
    await request(p.server)
      .post(`${consultation}/rate`)
      .set('Authorization', customer)
      .send({ score: 4, comment: 'quick' })
      .expect(200);
    await request(p.server)
      .post(`${consultation}/close`)
      .set('Authorization', customer)
      .send({})
      .expect(200);
    const satisfaction = await eventually(async () => {
      const res = await request(p.server)
        .get('/v1/me/satisfaction')
        .set('Authorization', customer)
        .expect(200);
      expect(res.body.count).toBe(1);
      return res.body as { ratings: Record<string, unknown>[] };
    });
    expect(satisfaction.ratings).toEqual([
      expect.objectContaining({ consultationId: id, agentId, score: 4, comment: 'quick' }),
    ]);
    await eventually(() =>
      request(p.server)
        .get(`/v1/customers/${customerId}/profile`)
        .set('Authorization', agent)
        .expect(404),
    );
  });
});
