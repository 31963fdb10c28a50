import { FixedClock } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataApi, eventually, startWithData } from './data.harness';

const T = Date.parse('2026-12-04T09:00:00.000Z');
const DAY = 'from=2026-12-04&to=2026-12-05';

describe('data service in Switchboard: metrics from a REST scenario, CSV, gauges, orders', () => {
  const clock = new FixedClock(new Date(T));
  const at = (seconds: number) => clock.advance(T + seconds * 1000 - clock.now().getTime());
  const short = () => randomUUID().slice(0, 8);
  const domain = `d-${short()}`;
  const agentId = `agent-${short()}`;
  const customerId = `cust-${short()}`;
  const orderId = `ord-${short()}`;
  const order = {
    orderId,
    customerId,
    domain,
    amountMinor: 12_999,
    currency: 'EUR',
    placedAt: new Date(T + 3_600_000).toISOString(),
  };
  let api: DataApi;
  const as = (userId: string, role: 'customer' | 'agent' | 'supervisor' | 'admin') =>
    api.bearer(userId, role);
  const supervisor = () => as('supervisor-1', 'supervisor');
  const metrics = (query: string, auth = supervisor()) =>
    request(api.server).get(`/v1/metrics?${query}`).set('Authorization', auth);

  beforeAll(async () => {
    api = await startWithData(clock);
  });
  afterAll(() => api.dispose());

  it('figures follow from the scenario: open, assign, chat, resolve, rate, abandon, order', async () => {
    const { server } = api;
    const customer = as(customerId, 'customer');
    const agent = as(agentId, 'agent');
    await request(server)
      .post('/v1/agents')
      .set('Authorization', supervisor())
      .send({ agentId, capacity: 3, groups: [`team-${short()}`], skills: [], weight: 1 })
      .expect(201);
    await request(server)
      .put(`/v1/agents/${agentId}/status`)
      .set('Authorization', agent)
      .send({ status: 'online' })
      .expect(200);
    // A group nobody serves: the consultation waits until the supervisor assigns it.
    const opened = await request(server)
      .post('/v1/consultations')
      .set('Authorization', customer)
      .send({ domain, group: `nobody-${short()}` })
      .expect(201);
    const { id, conversationId } = opened.body as { id: string; conversationId: string };
    const path = `/v1/consultations/${id}`;

    at(60);
    await request(server)
      .post(`${path}/assign`)
      .set('Authorization', supervisor())
      .send({ agentId })
      .expect(200);
    await request(server).post(`${path}/accept`).set('Authorization', agent).expect(200);
    const say = (auth: string, clientMsgId: string) =>
      eventually(() =>
        request(server)
          .post(`/v1/conversations/${conversationId}/messages`)
          .set('Authorization', auth)
          .send({ clientMsgId, type: 'text', text: `hello from ${clientMsgId}` })
          .expect(201),
      );
    at(120);
    await say(customer, 'c-1');
    at(165);
    await say(agent, 'a-1');
    at(405);
    await request(server).post(`${path}/resolve`).set('Authorization', agent).expect(200);
    at(465);
    await request(server)
      .post(`${path}/rate`)
      .set('Authorization', customer)
      .send({ score: 4 })
      .expect(200);

    // A second customer gives up before anyone is assigned: abandoned.
    at(480);
    const other = as(`cust-${short()}`, 'customer');
    const left = await request(server)
      .post('/v1/consultations')
      .set('Authorization', other)
      .send({ domain, group: `nobody-${short()}` })
      .expect(201);
    at(540);
    await request(server)
      .post(`/v1/consultations/${left.body.id as string}/close`)
      .set('Authorization', other)
      .send({})
      .expect(200);

    at(600);
    const placed = await request(server)
      .post('/v1/integrations/orders')
      .set('Authorization', as('shop-backend', 'admin'))
      .send(order)
      .expect(201);
    expect(placed.body).toEqual({ ...order, placedAt: '2026-12-04T10:00:00.000Z' });

    const row = await eventually(async () => {
      const res = await metrics(`${DAY}&dimension=domain&domain=${domain}`).expect(200);
      expect(res.body.rows).toHaveLength(1);
      expect(res.body.rows[0]).toMatchObject({ opened: 2, closed: 1, ratings: 1, conversions: 1 });
      return res.body.rows[0] as Record<string, unknown>;
    });
    expect(row).toMatchObject({
      bucketStart: '2026-12-04T00:00:00.000Z',
      dimension: 'domain',
      key: domain,
      opened: 2,
      assigned: 1,
      resolved: 1,
      closed: 1,
      abandoned: 1,
      transfers: 0,
      reopened: 0,
      // open 09:00:00 → first agent message 09:02:45
      firstResponseAvgMs: 165_000,
      // customer 09:02:00 → agent 09:02:45
      responseAvgMs: 45_000,
      // open → resolved 09:06:45
      resolutionAvgMs: 405_000,
      // assigned 09:01:00 → resolved 09:06:45
      handleTimeMs: 345_000,
      queueWaitAvgMs: 60_000,
      csatAvg: 4,
      csatPositiveShare: 1,
      conversionAmountMinor: 12_999,
      // one of the two consultations led to an order
      conversionRate: 0.5,
    });
  });

  it('an agent sees their own row of the agent dimension', async () => {
    const res = await metrics(
      `${DAY}&dimension=agent&agentId=${agentId}`,
      as(agentId, 'agent'),
    ).expect(200);
    expect(res.body.query).toMatchObject({ dimension: 'agent', agentId });
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        key: agentId,
        dimension: 'agent',
        firstResponseAvgMs: 165_000,
        handleTimeMs: 345_000,
        resolved: 1,
      }),
    ]);
  });

  it('exports the rows as CSV with a header of every field', async () => {
    const query = `${DAY}&dimension=domain&domain=${domain}`;
    const csv = await request(api.server)
      .get(`/v1/metrics/export.csv?${query}`)
      .set('Authorization', supervisor())
      .expect(200)
      .expect('Content-Type', /^text\/csv/)
      .expect('Content-Disposition', /attachment; filename="metrics-domain-day-2026-12-04/);
    const lines = csv.text.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^bucketStart,dimension,key,opened,.*,conversionRate$/);
    expect(lines[0].split(',')).toHaveLength(26);
    expect(lines[1]).toMatch(new RegExp(`^2026-12-04T00:00:00.000Z,domain,${domain},2,1,1,1,1,`));
    const same = await metrics(`${query}&format=csv`)
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    expect(same.text).toBe(csv.text);
  });

  it("shows today's figures as gauges on /metrics", async () => {
    const text = await eventually(async () => {
      const res = await request(api.server).get('/metrics').expect(200);
      expect(res.text).toContain(`switchboard_data_consultations_opened{domain="${domain}"} 2`);
      return res.text;
    });
    expect(text).toContain(`switchboard_data_consultations_abandoned{domain="${domain}"} 1`);
    expect(text).toContain(`switchboard_data_first_response_avg_seconds{domain="${domain}"} 165`);
    expect(text).toContain(`switchboard_data_queue_wait_avg_seconds{domain="${domain}"} 60`);
    expect(text).toContain(`switchboard_data_csat_avg{domain="${domain}"} 4`);
    expect(text).toContain(`switchboard_data_conversion_rate{domain="${domain}"} 0.5`);
    expect(text).toMatch(/^switchboard_data_facts [1-9]\d*$/m);
    expect(text).toMatch(/^switchboard_data_projector_messages\{outcome="projected"\} [1-9]\d*$/m);
    expect(text).toContain('switchboard_data_projector_messages{outcome="dead_lettered"} 0');
    expect(text).toContain('switchboard_data_projector_running 1');
  });
});
