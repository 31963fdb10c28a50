import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerStory } from '../../../../libs/user/test/customer-story.fixture';
import { startUserApi, type UserApi } from './user-api.fixture';

/**
 * Who sees which customer over REST. The read model holds the story of customer c-1 (see
 * customer-story.fixture): a-1 holds K2 (resolved, not closed); a-2 resolved K1 and a-3 had K4,
 * both closed since.
 */
describe('user REST: who may see a customer', () => {
  let api: UserApi;

  beforeEach(async () => {
    api = await startUserApi();
    await api.facts.append(customerStory('c-1').all(), []);
  });

  afterEach(async () => {
    await api.app.close();
  });

  const VIEWS = ['profile', 'timeline', 'satisfaction'] as const;

  const get = (path: string, auth?: string) => {
    const call = request(api.server).get(path);
    return auth === undefined ? call : call.set('Authorization', auth);
  };

  it('a customer sees their own views, under /v1/me and under their id', async () => {
    const auth = api.bearer('c-1', 'customer');
    for (const view of VIEWS) {
      const mine = await get(`/v1/me/${view}`, auth).expect(200);
      const byId = await get(`/v1/customers/c-1/${view}`, auth).expect(200);
      expect(byId.body).toEqual(mine.body);
      expect(mine.body).toMatchObject({ customerId: 'c-1' });
    }
    const profile = await get('/v1/me/profile', auth).expect(200);
    expect(profile.body).toMatchObject({
      consultations: { total: 4, open: 2, closed: 2 },
      messagesSent: 3,
      ratings: { count: 3, average: 3.67 },
    });
  });

  it("a customer asking for another's views gets the 404 of an unknown customer", async () => {
    const other = api.bearer('c-2', 'customer');
    const supervisor = api.bearer('s-1', 'supervisor');
    for (const view of VIEWS) {
      const denied = await get(`/v1/customers/c-1/${view}`, other).expect(404);
      expect(denied.body).toEqual({ code: 'CUSTOMER_NOT_FOUND', message: 'No customer c-1' });
      const unknown = await get(`/v1/customers/c-404/${view}`, supervisor).expect(404);
      expect(unknown.body).toEqual({ code: 'CUSTOMER_NOT_FOUND', message: 'No customer c-404' });
    }
  });

  it('the agent holding a consultation of the customer sees them; agents who held one do not', async () => {
    for (const view of VIEWS) {
      await get(`/v1/customers/c-1/${view}`, api.bearer('a-1', 'agent')).expect(200);
      for (const agent of ['a-2', 'a-3', 'a-unrelated']) {
        const denied = await get(`/v1/customers/c-1/${view}`, api.bearer(agent, 'agent'));
        expect(denied.status).toBe(404);
        expect(denied.body.code).toBe('CUSTOMER_NOT_FOUND');
      }
    }
  });

  it('an agent loses access once the consultation they hold is closed', async () => {
    const auth = api.bearer('a-1', 'agent');
    await get('/v1/customers/c-1/profile', auth).expect(200);
    await api.facts.append(
      customerStory('c-1')
        .consultation('K2', '2026-03-02T12:00:00.000Z', 'closed', {
          by: 'agent',
          reason: 'done',
          agentId: 'a-1',
        })
        .all(),
      [],
    );
    await get('/v1/customers/c-1/profile', auth).expect(404);
  });

  it('supervisors and admins see anyone', async () => {
    for (const role of ['supervisor', 'admin'] as const) {
      for (const view of VIEWS) {
        await get(`/v1/customers/c-1/${view}`, api.bearer(`${role}-1`, role)).expect(200);
      }
    }
  });

  it('a new customer gets empty views of their own, not a 404', async () => {
    const auth = api.bearer('c-new', 'customer');
    const profile = await get('/v1/me/profile', auth).expect(200);
    expect(profile.body).toMatchObject({ customerId: 'c-new', consultations: { total: 0 } });
    const timeline = await get('/v1/me/timeline', auth).expect(200);
    expect(timeline.body).toEqual({ customerId: 'c-new', items: [], nextBefore: null });
    const satisfaction = await get('/v1/me/satisfaction', auth).expect(200);
    expect(satisfaction.body).toMatchObject({ count: 0, average: null, ratings: [] });
  });

  it('/v1/me is for customers only (403 for staff)', async () => {
    const res = await get('/v1/me/profile', api.bearer('a-1', 'agent')).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('without a valid token: 401 UNAUTHENTICATED', async () => {
    for (const path of ['/v1/me/profile', '/v1/customers/c-1/timeline']) {
      const missing = await get(path).expect(401);
      expect(missing.body.code).toBe('UNAUTHENTICATED');
      const forged = await get(path, 'Bearer not.a.token').expect(401);
      expect(forged.body.code).toBe('UNAUTHENTICATED');
    }
  });
});
