import { type Role, ROLES } from '@switchboard/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, startApi } from './consultations.fixture';

type Method = 'get' | 'post' | 'put';

/** Every route with the roles it admits; :c = a consultation id, :a = an agent id. */
const ROUTES: [Method, string, readonly Role[], object?][] = [
  ['post', '/v1/consultations', ['customer'], { domain: 'travel' }],
  ['get', '/v1/consultations', ROLES],
  ['get', '/v1/consultations/:c', ROLES],
  ['post', '/v1/consultations/:c/assign', ['supervisor', 'admin'], { agentId: 'a-1' }],
  ['post', '/v1/consultations/:c/accept', ['agent']],
  ['post', '/v1/consultations/:c/transfer', ['agent', 'supervisor', 'admin'], { group: 'g' }],
  ['post', '/v1/consultations/:c/resolve', ['agent']],
  ['post', '/v1/consultations/:c/close', ROLES, {}],
  ['post', '/v1/consultations/:c/reopen', ['customer', 'supervisor', 'admin']],
  ['post', '/v1/consultations/:c/rate', ['customer'], { score: 5 }],
  [
    'post',
    '/v1/agents',
    ['supervisor', 'admin'],
    { agentId: 'x', capacity: 1, groups: [], skills: [], weight: 1 },
  ],
  ['get', '/v1/agents', ['agent', 'supervisor', 'admin']],
  ['get', '/v1/agents/:a', ['agent', 'supervisor', 'admin']],
  ['put', '/v1/agents/:a/status', ['agent', 'supervisor', 'admin'], { status: 'away' }],
  ['put', '/v1/agents/:a/capacity', ['supervisor', 'admin'], { capacity: 2 }],
  ['put', '/v1/agents/:a/groups', ['supervisor', 'admin'], { groups: ['g'] }],
  ['put', '/v1/agents/:a/skills', ['supervisor', 'admin'], { skills: ['s'] }],
  ['put', '/v1/agents/:a/weight', ['supervisor', 'admin'], { weight: 2 }],
  ['get', '/v1/queues', ['agent', 'supervisor', 'admin']],
  ['get', '/v1/queues/group:g', ['agent', 'supervisor', 'admin']],
];

const WRONG_ROLE = ROUTES.flatMap(([method, path, allowed, body]) =>
  ROLES.filter((role) => !allowed.includes(role)).map(
    (role) => [`${method.toUpperCase()} ${path}`, role, method, path, body] as const,
  ),
);

describe('consultations REST: roles', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.harness.dispose());

  it.each(WRONG_ROLE)(
    '%s as %s → 403 FORBIDDEN, nothing appended',
    async (_name, role, method, path, body) => {
      const id = await api.open(api.id('customer'));
      const url = path.replace(':c', id).replace(':a', 'agent-1');
      const before = await api.countAll();
      const res = await call(api, method, url)
        .set('Authorization', api.bearer(api.id(role), role))
        .send(body)
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await api.countAll()).toBe(before);
    },
  );

  it('answers 401 without a token on every route', async () => {
    for (const [method, path] of ROUTES) {
      await call(
        api,
        method,
        path.replace(':c', '00000000-0000-4000-8000-000000000000').replace(':a', 'agent-1'),
      ).expect(401);
    }
  });
});
