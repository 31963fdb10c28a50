import { type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, eventually, startApi } from '../consultations/consultations.fixture';

const CRITERIA = [
  { criterionId: 'greeting', label: 'Greets', weight: 2, maxPoints: 10 },
  { criterionId: 'accuracy', label: 'Accurate', weight: 1, maxPoints: 5 },
  { criterionId: 'empathy', label: 'Empathic', weight: 1, maxPoints: 5 },
];
const SCORES = [
  { criterionId: 'greeting', points: 5, note: 'late' },
  { criterionId: 'accuracy', points: 3 },
  { criterionId: 'empathy', points: 0 },
];

describe('quality inspection REST', () => {
  let api: Api;
  let supervisor: string;
  let templateId: string;
  beforeAll(async () => {
    api = await startApi();
    supervisor = api.bearer('supervisor-1', 'supervisor');
    templateId = api.id('tpl');
    await request(api.server)
      .post('/v1/qa/scorecards')
      .set('Authorization', supervisor)
      .send({ templateId, name: 'Standard', criteria: CRITERIA })
      .expect(201);
  });
  afterAll(() => api.harness.dispose());

  /** open → manual assign → accept → resolve → close, all through the API. */
  async function closedConsultation(): Promise<string> {
    const agentId = await api.onlineAgent();
    const agent = api.bearer(agentId, 'agent');
    const id = await api.open(api.id('customer'));
    const path = `/v1/consultations/${id}`;
    await call(api, 'post', `${path}/assign`)
      .set('Authorization', supervisor)
      .send({ agentId })
      .expect(200);
    await call(api, 'post', `${path}/accept`).set('Authorization', agent).expect(200);
    await call(api, 'post', `${path}/resolve`).set('Authorization', agent).expect(200);
    await call(api, 'post', `${path}/close`).set('Authorization', agent).send({}).expect(200);
    return id;
  }

  it('defines, updates (version 2) and reads back a template; unknown is 404', async () => {
    const id = api.id('tpl');
    const path = `/v1/qa/scorecards/${id}`;
    await call(api, 'post', '/v1/qa/scorecards')
      .set('Authorization', supervisor)
      .send({ templateId: id, name: 'One', criteria: CRITERIA.slice(0, 1) })
      .expect(201)
      .expect(({ body }) => expect(body).toMatchObject({ templateId: id, templateVersion: 1 }));
    await call(api, 'put', path)
      .set('Authorization', api.bearer('admin-1', 'admin'))
      .send({ name: 'Two', criteria: CRITERIA })
      .expect(200);
    const got = await call(api, 'get', path).set('Authorization', supervisor).expect(200);
    expect(got.body).toMatchObject({
      templateId: id,
      name: 'Two',
      templateVersion: 2,
      criteria: CRITERIA,
    });
    await call(api, 'post', '/v1/qa/scorecards')
      .set('Authorization', supervisor)
      .send({ templateId: id, name: 'Again', criteria: CRITERIA })
      .expect(409)
      .expect(({ body }) => expect(body.code).toBe('QA_SCORECARD_EXISTS'));
    await call(api, 'get', '/v1/qa/scorecards/nope-1').set('Authorization', supervisor).expect(404);
    await call(api, 'put', '/v1/qa/scorecards/nope-1')
      .set('Authorization', supervisor)
      .send({ name: 'x', criteria: CRITERIA })
      .expect(404);
  });

  it('a supervisor scores a closed consultation and reads it back with the automatic checks', async () => {
    const id = await closedConsultation();
    const applied = await call(api, 'post', `/v1/qa/inspections/${id}`)
      .set('Authorization', supervisor)
      .send({ templateId, scores: SCORES })
      .expect(201);
    // 100 × (2 × 5/10 + 1 × 3/5 + 1 × 0/5) / 4 = 40
    expect(applied.body.scorecards).toEqual([
      expect.objectContaining({
        templateId,
        templateVersion: 1,
        inspectorId: 'supervisor-1',
        total: 40,
      }),
    ]);
    const got = await eventually(async () => {
      const res = await call(api, 'get', `/v1/qa/inspections/${id}`)
        .set('Authorization', supervisor)
        .expect(200);
      expect(res.body.automaticChecks).toHaveLength(1);
      return res.body;
    });
    expect(got.scorecards[0].criteria).toEqual([
      { ...CRITERIA[0], points: 5, note: 'late' },
      { ...CRITERIA[1], points: 3, note: null },
      { ...CRITERIA[2], points: 0, note: null },
    ]);
    // No agent message went through the API: the agent never answered.
    expect(got.automaticChecks[0]).toMatchObject({
      consultationId: id,
      slaSeconds: 60,
      firstResponseSeconds: null,
      firstResponseWithinSla: false,
      bannedWordsAbsent: 'not_available',
    });
    await call(api, 'post', `/v1/qa/inspections/${id}`)
      .set('Authorization', supervisor)
      .send({ templateId, scores: SCORES })
      .expect(409)
      .expect(({ body }) => expect(body.code).toBe('QA_SCORECARD_ALREADY_APPLIED'));
  });

  it('an open consultation is 409 QA_CONSULTATION_NOT_CLOSED; unknown ids are 404', async () => {
    const id = await api.open(api.id('customer'));
    await call(api, 'post', `/v1/qa/inspections/${id}`)
      .set('Authorization', supervisor)
      .send({ templateId, scores: SCORES })
      .expect(409)
      .expect(({ body }) => expect(body.code).toBe('QA_CONSULTATION_NOT_CLOSED'));
    const unknown = randomUUID();
    await call(api, 'post', `/v1/qa/inspections/${unknown}`)
      .set('Authorization', supervisor)
      .send({ templateId, scores: SCORES })
      .expect(404);
    await call(api, 'get', `/v1/qa/inspections/${unknown}`)
      .set('Authorization', supervisor)
      .expect(404);
    const closed = await closedConsultation();
    await call(api, 'post', `/v1/qa/inspections/${closed}`)
      .set('Authorization', supervisor)
      .send({ templateId: 'no-such-template', scores: SCORES })
      .expect(404)
      .expect(({ body }) => expect(body.code).toBe('QA_SCORECARD_NOT_FOUND'));
  });

  it.each<Role>(['customer', 'agent'])('a %s gets 403 on every route', async (role) => {
    const who = api.bearer(`${role}-qa`, role);
    const id = randomUUID();
    await call(api, 'get', `/v1/qa/scorecards/${templateId}`).set('Authorization', who).expect(403);
    await call(api, 'post', '/v1/qa/scorecards').set('Authorization', who).send({}).expect(403);
    await call(api, 'put', `/v1/qa/scorecards/${templateId}`)
      .set('Authorization', who)
      .send({})
      .expect(403);
    await call(api, 'get', `/v1/qa/inspections/${id}`).set('Authorization', who).expect(403);
    await call(api, 'post', `/v1/qa/inspections/${id}`)
      .set('Authorization', who)
      .send({})
      .expect(403);
  });

  it('bad bodies are 400 and append nothing', async () => {
    const closed = await closedConsultation();
    await eventually(async () => {
      const res = await call(api, 'get', `/v1/qa/inspections/${closed}`).set(
        'Authorization',
        supervisor,
      );
      expect(res.body.automaticChecks).toHaveLength(1);
    });
    const before = await api.countAll();
    const bad: [string, string, unknown][] = [
      ['post', '/v1/qa/scorecards', { templateId: 'x', name: 'n', criteria: [] }],
      [
        'post',
        '/v1/qa/scorecards',
        { templateId: 'x', name: 'n', criteria: [{ ...CRITERIA[0], weight: 0 }] },
      ],
      [
        'post',
        '/v1/qa/scorecards',
        { templateId: 'x', name: 'n', criteria: [CRITERIA[0], CRITERIA[0]] },
      ],
      ['post', '/v1/qa/scorecards', { templateId: 'a b', name: 'n', criteria: CRITERIA }],
      ['post', '/v1/qa/scorecards', { templateId: 'x', name: 'n', criteria: CRITERIA, extra: 1 }],
      ['put', `/v1/qa/scorecards/${templateId}`, { name: '', criteria: CRITERIA }],
      ['post', `/v1/qa/inspections/${closed}`, { templateId }],
      ['post', `/v1/qa/inspections/${closed}`, { templateId, scores: SCORES.slice(0, 2) }],
      [
        'post',
        `/v1/qa/inspections/${closed}`,
        { templateId, scores: [...SCORES, { criterionId: 'x', points: 1 }] },
      ],
      [
        'post',
        `/v1/qa/inspections/${closed}`,
        { templateId, scores: [{ criterionId: 'greeting', points: 11 }, ...SCORES.slice(1)] },
      ],
      [
        'post',
        `/v1/qa/inspections/${closed}`,
        { templateId, scores: [{ criterionId: 'greeting', points: -1 }, ...SCORES.slice(1)] },
      ],
      ['post', '/v1/qa/inspections/not-a-uuid', { templateId, scores: SCORES }],
    ];
    for (const [method, url, body] of bad) {
      const res = await call(api, method as 'post' | 'put', url)
        .set('Authorization', supervisor)
        .send(body as object);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
    }
    expect(await api.countAll()).toBe(before);
  });
});
