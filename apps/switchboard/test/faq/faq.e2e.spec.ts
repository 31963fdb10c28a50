import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, eventually, startApi } from '../consultations/consultations.fixture';

const REFUND = {
  entryId: 'refund',
  question: 'How do I get a refund for a cancelled flight?',
  answer: 'Refunds go back to the original payment method within 7 days.',
  keywords: ['refund', 'money back'],
  alternativeQuestions: ['When will I get my money back?'],
};
const BAGGAGE = {
  entryId: 'baggage',
  question: 'How much baggage can I bring?',
  answer: 'One 23 kg checked bag and one cabin bag.',
  keywords: ['luggage', 'suitcase', 'allowance'],
};

describe('FAQ and canned replies REST', () => {
  let api: Api;
  let supervisor: string;
  beforeAll(async () => {
    api = await startApi();
    supervisor = api.bearer('supervisor-1', 'supervisor');
  });
  afterAll(() => api.harness.dispose());

  const post = (url: string, body: object, auth = supervisor) =>
    request(api.server).post(url).set('Authorization', auth).send(body);
  const match = (domain: string, text: string, auth: string) =>
    request(api.server)
      .get(`/v1/faq/${domain}/match`)
      .query({ text })
      .set('Authorization', auth)
      .expect(200);

  it('entries: add, read, match, update (re-indexed), remove (gone from matches)', async () => {
    const domain = api.id('travel');
    const base = `/v1/faq/${domain}/entries`;
    const agent = api.bearer(api.id('agent'), 'agent');
    const customer = api.bearer(api.id('customer'), 'customer');
    expect((await post(base, REFUND).expect(201)).body).toEqual(REFUND);
    const bag = await post(base, { ...BAGGAGE, entryId: undefined }).expect(201);
    const bagId = bag.body.entryId as string;
    expect(bag.body).toMatchObject({ question: BAGGAGE.question, alternativeQuestions: [] });

    const list = await request(api.server).get(base).set('Authorization', agent).expect(200);
    expect(list.body.map((e: { entryId: string }) => e.entryId)).toEqual(['refund', bagId]);
    await request(api.server).get(`${base}/refund`).set('Authorization', agent).expect(200, REFUND);

    await eventually(async () => {
      const res = await match(domain, 'I want my money back', customer);
      expect(res.body.matches[0]).toMatchObject({ entryId: 'refund', answer: REFUND.answer });
      expect(res.body.autoAnswer).toMatchObject({ entryId: 'refund' });
      expect(res.body.threshold).toBe(0.5);
    });
    const vague = await match(domain, 'do you sell gift cards for pets', customer);
    expect(vague.body.autoAnswer).toBeNull();

    await request(api.server)
      .put(`${base}/refund`)
      .set('Authorization', supervisor)
      .send({ question: 'Can my dog travel with me?', answer: 'Small pets fly in the cabin.' })
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ entryId: 'refund', keywords: [] }));
    await eventually(async () => {
      const res = await match(domain, 'can my dog come', customer);
      expect(res.body.autoAnswer).toMatchObject({ answer: 'Small pets fly in the cabin.' });
    });

    await request(api.server).delete(`${base}/refund`).set('Authorization', supervisor).expect(204);
    await eventually(async () => {
      const res = await match(domain, 'can my dog come', customer);
      expect(res.body.matches).toEqual([]);
    });
    await request(api.server).get(`${base}/refund`).set('Authorization', agent).expect(404);
  });

  it('an add replayed with the same Idempotency-Key lands once, with the same id', async () => {
    const base = `/v1/canned-replies/${api.id('travel')}`;
    const send = () =>
      request(api.server)
        .post(base)
        .set('Authorization', supervisor)
        .set('Idempotency-Key', 'add-greeting-1')
        .send({ title: 'Greeting', text: 'Hello!' })
        .expect(201);
    const first = await send();
    const again = await send();
    expect(again.body).toEqual(first.body);
    const list = await request(api.server).get(base).set('Authorization', supervisor).expect(200);
    expect(list.body).toHaveLength(1);
  });

  it('canned replies: add, list, update, remove', async () => {
    const domain = api.id('travel');
    const base = `/v1/canned-replies/${domain}`;
    const agent = api.bearer(api.id('agent'), 'agent');
    const reply = { replyId: 'greet', title: 'Greeting', text: 'Hello! How can I help?', tags: [] };
    await post(base, reply).expect(201, reply);
    await request(api.server)
      .put(`${base}/greet`)
      .set('Authorization', supervisor)
      .send({ title: 'Greeting', text: 'Hi there!', tags: ['hello'] })
      .expect(200, { ...reply, text: 'Hi there!', tags: ['hello'] });
    await request(api.server)
      .get(base)
      .set('Authorization', agent)
      .expect(200, [{ ...reply, text: 'Hi there!', tags: ['hello'] }]);
    await request(api.server).delete(`${base}/greet`).set('Authorization', supervisor).expect(204);
    await request(api.server).get(`${base}/greet`).set('Authorization', agent).expect(404);
  });

  it('suggestions: ranked FAQ and canned replies for the assigned agent only', async () => {
    const domain = api.id('travel');
    await post(`/v1/faq/${domain}/entries`, REFUND).expect(201);
    await post(`/v1/faq/${domain}/entries`, BAGGAGE).expect(201);
    await post(`/v1/canned-replies/${domain}`, {
      replyId: 'refund-status',
      title: 'Refund status',
      text: 'Your refund is on its way.',
      tags: ['refund', 'money'],
    }).expect(201);
    await post(`/v1/canned-replies/${domain}`, {
      replyId: 'greet',
      title: 'Greeting',
      text: 'Hello! How can I help?',
    }).expect(201);
    const agentId = await api.onlineAgent();
    const customerId = api.id('customer');
    const id = await api.open(customerId, { domain, group: api.id('nobody') });
    await post(`/v1/consultations/${id}/assign`, { agentId }).expect(200);
    const url = `/v1/consultations/${id}/suggestions`;

    await eventually(async () => {
      const res = await request(api.server)
        .get(url)
        .query({ text: 'where is my money back?' })
        .set('Authorization', api.bearer(agentId, 'agent'))
        .expect(200);
      expect(res.body.faq[0]).toMatchObject({ entryId: 'refund', answer: REFUND.answer });
      expect(res.body.cannedReplies.map((r: { replyId: string }) => r.replyId)).toEqual([
        'refund-status',
        'greet',
      ]);
    });
    for (const auth of [
      api.bearer(api.id('agent'), 'agent'),
      api.bearer(customerId, 'customer'),
      supervisor,
    ]) {
      await request(api.server)
        .get(url)
        .query({ text: 'refund' })
        .set('Authorization', auth)
        .expect(403);
    }
    await request(api.server)
      .get('/v1/consultations/00000000-0000-4000-8000-000000000000/suggestions')
      .query({ text: 'refund' })
      .set('Authorization', api.bearer(agentId, 'agent'))
      .expect(404);
  });
});
