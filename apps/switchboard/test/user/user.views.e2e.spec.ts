import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerStory } from '../../../../libs/user/test/customer-story.fixture';
import { startUserApi, type UserApi } from './user-api.fixture';

interface Entry {
  type: string;
  consultationId: string | null;
  data: Record<string, unknown>;
}
interface Page {
  items: Entry[];
  nextBefore: string | null;
}

describe('user REST: timeline, internal notes, bad input', () => {
  let api: UserApi;

  beforeEach(async () => {
    api = await startUserApi();
    await api.facts.append(customerStory('c-1').all(), []);
  });

  afterEach(async () => {
    await api.app.close();
  });

  async function walk(path: string, auth: string, limit: number): Promise<Page[]> {
    const pages: Page[] = [];
    let before: string | null | undefined;
    do {
      const query: Record<string, string | number> = { limit };
      if (typeof before === 'string') query.before = before;
      const res = await request(api.server)
        .get(path)
        .query(query)
        .set('Authorization', auth)
        .expect(200);
      pages.push(res.body as Page);
      before = (res.body as Page).nextBefore;
    } while (before !== null);
    return pages;
  }

  const internalNotes = (pages: Page[]) =>
    pages.flatMap((page) => page.items).filter((entry) => entry.data.internal === true);

  it('staff page through all 26 entries and see the internal note', async () => {
    const pages = await walk('/v1/customers/c-1/timeline', api.bearer('a-1', 'agent'), 10);
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 6]);
    expect(internalNotes(pages)).toEqual([
      expect.objectContaining({ consultationId: 'K1', data: expect.objectContaining({ seq: 3 }) }),
    ]);
    // The newest page comes first; inside a page the oldest entry comes first.
    expect(pages[0]!.items.at(-1)).toMatchObject({ type: 'order', data: { orderId: 'o-3' } });
    expect(pages[2]!.items[0]).toMatchObject({ type: 'consultation.opened', consultationId: 'K1' });
  });

  it('the customer never sees the internal note, under /v1/me or under their id', async () => {
    const auth = api.bearer('c-1', 'customer');
    for (const path of ['/v1/me/timeline', '/v1/customers/c-1/timeline']) {
      const pages = await walk(path, auth, 10);
      expect(pages.map((page) => page.items.length)).toEqual([10, 10, 5]);
      expect(internalNotes(pages)).toEqual([]);
      const seqs = pages
        .flatMap((page) => page.items)
        .filter((entry) => entry.type === 'message' && entry.consultationId === 'K1')
        .map((entry) => entry.data.seq);
      expect(seqs.sort()).toEqual([1, 2, 4]);
    }
  });

  it('the satisfaction history names the handling agent and keeps a running average', async () => {
    const res = await request(api.server)
      .get('/v1/customers/c-1/satisfaction')
      .set('Authorization', api.bearer('s-1', 'supervisor'))
      .expect(200);
    expect(
      res.body.ratings.map((r: Record<string, unknown>) => [
        r.consultationId,
        r.agentId,
        r.score,
        r.runningAverage,
      ]),
    ).toEqual([
      ['K1', 'a-2', 5, 5],
      ['K2', 'a-1', 2, 3.5],
      ['K4', 'a-3', 4, 3.67],
    ]);
  });

  it.each([
    ['limit=0', { limit: '0' }, 'limit'],
    ['limit=201', { limit: '201' }, 'limit'],
    ['limit=abc', { limit: 'abc' }, 'limit'],
    ['limit=2.5', { limit: '2.5' }, 'limit'],
    ['a before with forbidden characters', { before: 'not a cursor!' }, 'before'],
    ['an unknown parameter', { after: 'x' }, 'after'],
    ['a repeated limit', { limit: ['1', '2'] }, 'limit'],
    ['a repeated before', { before: ['abc', 'def'] }, 'before'],
  ])('%s → 400 VALIDATION_FAILED naming the field', async (_what, query, field) => {
    for (const path of ['/v1/me/timeline', '/v1/customers/c-1/timeline']) {
      const res = await request(api.server)
        .get(path)
        .query(query)
        .set('Authorization', api.bearer('c-1', 'customer'))
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('a well-formed before that no page produced → 400 INVALID_CURSOR', async () => {
    const res = await request(api.server)
      .get('/v1/customers/c-1/timeline')
      .query({ before: 'bm90LWEtY3Vyc29y' })
      .set('Authorization', api.bearer('s-1', 'supervisor'))
      .expect(400);
    expect(res.body).toEqual({
      code: 'INVALID_CURSOR',
      message: '`before` must be a nextBefore from a previous timeline page',
    });
  });

  it.each([
    ['a space', 'c%201'],
    ['129 characters', 'c'.repeat(129)],
    ['a $ sign', 'c%24'],
  ])('a customer id with %s → 400 VALIDATION_FAILED', async (_what, id) => {
    const res = await request(api.server)
      .get(`/v1/customers/${id}/profile`)
      .set('Authorization', api.bearer('s-1', 'supervisor'))
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.body.errors[0].field).toBe('customerId');
  });

  it('bad input changes nothing in the read model (the user module never writes)', async () => {
    const before = await api.facts.count();
    await request(api.server)
      .get('/v1/me/timeline?limit=-1')
      .set('Authorization', api.bearer('c-1', 'customer'))
      .expect(400);
    expect(await api.facts.count()).toBe(before);
  });

  it('documents the six routes in OpenAPI', async () => {
    const res = await request(api.server).get('/docs-json').expect(200);
    const paths = Object.keys(res.body.paths as object).filter(
      (path) => path.startsWith('/v1/me') || path.startsWith('/v1/customers'),
    );
    expect(paths.sort()).toEqual([
      '/v1/customers/{customerId}/profile',
      '/v1/customers/{customerId}/satisfaction',
      '/v1/customers/{customerId}/timeline',
      '/v1/me/profile',
      '/v1/me/satisfaction',
      '/v1/me/timeline',
    ]);
  });
});
