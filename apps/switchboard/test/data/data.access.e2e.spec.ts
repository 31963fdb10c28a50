import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { type DataApi, startWithData } from './data.harness';

const DAY = 'from=2026-12-04&to=2026-12-05';

describe('data service in Switchboard: access, bad filters, orders integration', () => {
  const clock = new FixedClock('2026-12-04T09:00:00.000Z');
  const short = () => randomUUID().slice(0, 8);
  const agentId = `agent-${short()}`;
  const customerId = `cust-${short()}`;
  const order = {
    orderId: `ord-${short()}`,
    customerId,
    domain: 'shop',
    amountMinor: 12_999,
    currency: 'EUR',
    placedAt: '2026-12-04T11:00:00+01:00',
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

  it('enforces roles: 401 without a token, 403 for customers and for another agent', async () => {
    await request(api.server)
      .get(`/v1/metrics?${DAY}`)
      .expect(401)
      .expect(({ body }) => expect(body.code).toBe('UNAUTHENTICATED'));
    await metrics(DAY, as(customerId, 'customer'))
      .expect(403)
      .expect(({ body }) => expect(body.code).toBe('FORBIDDEN'));
    await metrics(`${DAY}&dimension=agent&agentId=${agentId}`, as('agent-other', 'agent'))
      .expect(403)
      .expect(({ body }) => expect(body.code).toBe('METRICS_FORBIDDEN'));
    await metrics(DAY, as(agentId, 'agent'))
      .expect(403)
      .expect(({ body }) => expect(body.code).toBe('METRICS_FORBIDDEN'));
  });

  it.each([
    ['to before from', 'from=2026-12-05&to=2026-12-04', 'METRICS_RANGE_INVALID'],
    ['over 93 days', 'from=2026-01-01&to=2026-06-01', 'METRICS_RANGE_TOO_LONG'],
    ['hourly over 31 days', 'from=2026-01-01&to=2026-03-01&bucket=hour', 'METRICS_RANGE_TOO_LONG'],
    ['an unknown zone', `${DAY}&timeZone=Mars/Base`, 'METRICS_TIME_ZONE_INVALID'],
    ['an unknown bucket', `${DAY}&bucket=week`, 'VALIDATION_FAILED'],
    ['a date that is not one', 'from=2026-02-30&to=2026-03-02', 'VALIDATION_FAILED'],
    ['an unknown parameter', `${DAY}&limit=5`, 'VALIDATION_FAILED'],
    ['no range', 'dimension=all', 'VALIDATION_FAILED'],
  ])('answers %s with 400 and a typed code', async (_name, query, code) => {
    await metrics(query)
      .expect(400)
      .expect(({ body }) => expect(body.code).toBe(code));
  });

  it('orders: 201, a repeat answers 200 with the stored order, other data 409, bad bodies 400', async () => {
    const admin = as('shop-backend', 'admin');
    const post = (body: object, auth = admin) =>
      request(api.server).post('/v1/integrations/orders').set('Authorization', auth).send(body);
    await post(order)
      .expect(201)
      .expect(({ body }) =>
        expect(body).toEqual({ ...order, placedAt: '2026-12-04T10:00:00.000Z' }),
      );
    await post(order)
      .expect(200)
      .expect(({ body }) =>
        expect(body).toEqual({ ...order, placedAt: '2026-12-04T10:00:00.000Z' }),
      );
    await post({ ...order, amountMinor: 1 })
      .expect(409)
      .expect(({ body }) => expect(body.code).toBe('ORDER_CONFLICT'));
    await post({ ...order, currency: 'eur', amountMinor: -1, extra: true })
      .expect(400)
      .expect(({ body }) => {
        expect(body.code).toBe('VALIDATION_FAILED');
        expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
          'amountMinor',
          'currency',
          'extra',
        ]);
      });
    await post({ ...order, orderId: `ord-${short()}` }, supervisor())
      .expect(403)
      .expect(({ body }) => expect(body.code).toBe('FORBIDDEN'));
    await request(api.server)
      .post('/v1/integrations/orders')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send('{"orderId":')
      .expect(400)
      .expect(({ body }) => expect(body.code).toBe('MALFORMED_JSON'));
  });
});
