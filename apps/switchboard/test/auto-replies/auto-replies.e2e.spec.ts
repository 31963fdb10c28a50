import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { AuthTokenService, CLOCK, type Role } from '@switchboard/platform';
import { FixedClock } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, registerOnlineAgent } from '../consultations/consultations.fixture';
import { type Harness, startSwitchboard } from '../switchboard.harness';

// Saturday 5 Dec 2026, 11:00 in Berlin.
const clock = new FixedClock('2026-12-05T10:00:00.000Z');
const weekdays = { open: '09:00', close: '17:00' };
const officeHours = {
  timezone: 'Europe/Berlin',
  weekly: { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays] },
  holidays: [{ date: '2026-12-24', hours: [{ open: '09:00', close: '12:00' }] }],
};
const allWeek = {
  timezone: 'America/New_York',
  weekly: { sat: [{ open: '00:00', close: '24:00' }], sun: [{ open: '00:00', close: '24:00' }] },
  holidays: [],
};
const templates = {
  greeting: 'Hello, how can we help?',
  queueMessage: 'You are number {position} in the queue.',
  outOfHoursMessage: 'We are closed. We open again {nextOpening}.',
};

describe('auto replies and business hours (REST + AutoReplier)', () => {
  let harness: Harness;
  let server: Server;
  let store: EventStore;
  let bearer: (userId: string, role: Role) => string;
  const group = () => `team-${randomUUID().slice(0, 8)}`;
  const supervisor = () => bearer('supervisor-1', 'supervisor');

  beforeAll(async () => {
    harness = await startSwitchboard({
      env: { LOG_LEVEL: 'warn' },
      override: (builder) => builder.overrideProvider(CLOCK).useValue(clock),
    });
    server = harness.app.getHttpServer() as Server;
    store = harness.app.get<EventStore>(EVENT_STORE);
    const tokens = harness.app.get(AuthTokenService);
    bearer = (userId, role) => `Bearer ${tokens.sign({ userId, role })}`;
  });
  afterAll(() => harness.dispose());

  const configure = async (g: string, hours: object) => {
    await request(server)
      .put(`/v1/service-settings/group:${g}/business-hours`)
      .set('Authorization', supervisor())
      .send(hours)
      .expect(200);
    await request(server)
      .put(`/v1/service-settings/group:${g}/auto-replies`)
      .set('Authorization', supervisor())
      .send(templates)
      .expect(200);
  };
  const open = async (g: string): Promise<string> => {
    const res = await request(server)
      .post('/v1/consultations')
      .set('Authorization', bearer(`cust-${randomUUID().slice(0, 8)}`, 'customer'))
      .send({ domain: `d-${randomUUID().slice(0, 8)}`, group: g })
      .expect(201);
    return res.body.id as string;
  };
  const replies = async (id: string) =>
    (await store.readStream(`auto-reply-${id}`)).map((e) => e.data as Record<string, unknown>);

  it('stores and returns the settings', async () => {
    const g = group();
    await configure(g, officeHours);
    const res = await request(server)
      .get(`/v1/service-settings/group:${g}`)
      .set('Authorization', bearer('admin-1', 'admin'))
      .expect(200);
    expect(res.body).toEqual({
      key: `group:${g}`,
      businessHours: officeHours,
      autoReplies: templates,
      updatedAt: clock.now().toISOString(),
    });
  });

  it('in hours: greeting, then the queue position (nobody serves the group)', async () => {
    const g = group();
    await configure(g, allWeek);
    const id = await open(g);
    const issued = await eventually(async () => {
      const r = await replies(id);
      expect(r).toHaveLength(2);
      return r;
    });
    expect(issued).toMatchObject([
      { kind: 'greeting', consultationId: id, text: templates.greeting },
      { kind: 'queue_position', text: 'You are number 1 in the queue.' },
    ]);
    expect(typeof issued[0].conversationId).toBe('string');
  });

  it('in hours with an agent free: the greeting only, no queue position', async () => {
    const g = group();
    await configure(g, allWeek);
    const agentId = `agent-${randomUUID().slice(0, 8)}`;
    await registerOnlineAgent(server, bearer, { agentId, capacity: 2, groups: [g] });
    const id = await open(g);
    await eventually(async () => {
      const types = (await store.readStream(`consultation-${id}`)).map((e) => e.type);
      expect(types).toContain('ConsultationAssigned');
    });
    // The replier follows the log in order: once a later consultation's queue message is
    // out, one for the first (admitted at once, never waiting) would be out too.
    const nobody = group();
    await configure(nobody, allWeek);
    const later = await open(nobody);
    await eventually(async () => expect(await replies(later)).toHaveLength(2));
    expect(await replies(id)).toMatchObject([{ kind: 'greeting', text: templates.greeting }]);
    expect(await replies(id)).toHaveLength(1);
  });

  it('out of hours: the out-of-hours reply with the next opening in the group zone', async () => {
    const g = group();
    await configure(g, officeHours);
    const id = await open(g);
    const issued = await eventually(async () => {
      const r = await replies(id);
      expect(r).toHaveLength(2);
      return r;
    });
    expect(issued[0]).toMatchObject({
      kind: 'out_of_hours',
      text: 'We are closed. We open again Mon, 7 Dec 2026, 09:00 (Europe/Berlin).',
    });
    expect(issued.map((r) => r.kind)).not.toContain('greeting');
  });

  it.each([
    ['bad time zone', 'business-hours', { ...officeHours, timezone: 'Mars/Olympus' }, 'timezone'],
    [
      'bad HH:mm',
      'business-hours',
      { ...officeHours, weekly: { mon: [{ open: '9', close: '17:00' }] } },
      'weekly.mon.0.open',
    ],
    ['unknown field', 'business-hours', { ...officeHours, extra: 1 }, 'extra'],
    [
      'unknown weekday',
      'business-hours',
      { ...officeHours, weekly: { funday: [] } },
      'weekly.funday',
    ],
    ['missing holidays', 'business-hours', { timezone: 'UTC', weekly: {} }, 'holidays'],
    ['template not a string', 'auto-replies', { ...templates, greeting: 5 }, 'greeting'],
    [
      'template missing',
      'auto-replies',
      { greeting: null, queueMessage: null },
      'outOfHoursMessage',
    ],
  ])('400 VALIDATION_FAILED: %s', async (_name, route, body, field) => {
    const res = await request(server)
      .put(`/v1/service-settings/group:${group()}/${route}`)
      .set('Authorization', supervisor())
      .send(body)
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.errors)).toContain(`"${field}"`);
  });

  it.each([
    [
      'close before open',
      { ...officeHours, weekly: { mon: [{ open: '22:00', close: '02:00' }] } },
      'INVALID_INTERVAL',
    ],
    [
      'overlapping intervals',
      { ...officeHours, weekly: { mon: [weekdays, { open: '16:00', close: '18:00' }] } },
      'OVERLAPPING_INTERVALS',
    ],
  ])('400 domain rule: %s, nothing stored', async (_name, body, code) => {
    const g = group();
    const res = await request(server)
      .put(`/v1/service-settings/group:${g}/business-hours`)
      .set('Authorization', supervisor())
      .send(body)
      .expect(400);
    expect(res.body.code).toBe(code);
    expect(await store.readStream(`service-settings-group:${g}`)).toEqual([]);
  });

  it('400 on a bad key, 404 on a key never set', async () => {
    await request(server)
      .get('/v1/service-settings/team:x')
      .set('Authorization', supervisor())
      .expect(400);
    const res = await request(server)
      .get(`/v1/service-settings/group:${group()}`)
      .set('Authorization', supervisor())
      .expect(404);
    expect(res.body.code).toBe('SERVICE_SETTINGS_NOT_FOUND');
  });

  it.each([
    ['agent', 'put', 'business-hours', officeHours],
    ['customer', 'put', 'auto-replies', templates],
    ['agent', 'get', '', undefined],
  ] as const)('403 for %s on %s %s', async (role, method, route, body) => {
    const g = group();
    const url = `/v1/service-settings/group:${g}${route === '' ? '' : `/${route}`}`;
    const agent = request(server);
    const res = await agent[method](url)
      .set('Authorization', bearer(`${role}-1`, role))
      .send(body)
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await store.readStream(`service-settings-group:${g}`)).toEqual([]);
  });
});
