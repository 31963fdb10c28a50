import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './consultations.fixture';

describe('consultations REST: idempotency and OpenAPI', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.harness.dispose());

  it('replays an open with the same Idempotency-Key: same consultation, written once', async () => {
    const { server, bearer } = api;
    const customer = bearer(api.id('customer'), 'customer');
    const body = { domain: 'travel', group: api.id('nobody') };
    const key = api.id('key');
    const first = await request(server)
      .post('/v1/consultations')
      .set('Authorization', customer)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const afterFirst = await api.store.readStream(`consultation-${first.body.id}`);
    const second = await request(server)
      .post('/v1/consultations')
      .set('Authorization', customer)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(second.body).toEqual(first.body);
    expect(await api.store.readStream(`consultation-${first.body.id}`)).toEqual(afterFirst);
    expect(afterFirst.filter((e) => e.type === 'ConsultationOpened')).toHaveLength(1);
    // Another key (or none) opens another consultation.
    const third = await request(server)
      .post('/v1/consultations')
      .set('Authorization', customer)
      .send(body)
      .expect(201);
    expect(third.body.id).not.toBe(first.body.id);
    // A malformed key is a 400 like a bad body.
    await request(server)
      .post('/v1/consultations')
      .set('Authorization', customer)
      .set('Idempotency-Key', 'no spaces allowed')
      .send(body)
      .expect(400)
      .expect(({ body: error }) => expect(error.code).toBe('VALIDATION_FAILED'));
  });

  it('documents the routes in /docs-json', async () => {
    const doc = (await request(api.server).get('/docs-json').expect(200)).body;
    for (const path of [
      '/v1/consultations',
      '/v1/consultations/{id}',
      '/v1/consultations/{id}/assign',
      '/v1/consultations/{id}/accept',
      '/v1/consultations/{id}/transfer',
      '/v1/consultations/{id}/resolve',
      '/v1/consultations/{id}/close',
      '/v1/consultations/{id}/reopen',
      '/v1/consultations/{id}/rate',
      '/v1/agents',
      '/v1/agents/{id}',
      '/v1/agents/{id}/status',
      '/v1/agents/{id}/capacity',
      '/v1/agents/{id}/groups',
      '/v1/agents/{id}/skills',
      '/v1/agents/{id}/weight',
      '/v1/queues',
      '/v1/queues/{key}',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.OpenConsultationBody.required).toEqual(['domain']);
    expect(doc.components.schemas.RateConsultationBody.properties.score).toMatchObject({
      minimum: 1,
      maximum: 5,
    });
    expect(
      doc.paths['/v1/consultations'].post.responses['201'].content['application/json'].schema,
    ).toEqual({ $ref: '#/components/schemas/OpenConsultationResponse' });
  });
});
