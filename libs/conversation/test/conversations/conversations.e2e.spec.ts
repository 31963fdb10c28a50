import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationApp, eventually, startConversationApp } from './conversation.harness';

describe('conversations REST', () => {
  let api: ConversationApp;
  beforeAll(async () => {
    api = await startConversationApp({ moderation: { words: ['darn'] } });
  });
  afterAll(() => api.dispose());

  const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
  const as = (
    userId: string,
    role: 'customer' | 'agent' | 'supervisor' | 'admin' = 'customer',
  ) => ({
    post: (path: string, body: object) =>
      request(api.server).post(path).set('Authorization', api.bearer(userId, role)).send(body),
    get: (path: string) =>
      request(api.server).get(path).set('Authorization', api.bearer(userId, role)),
    del: (path: string) =>
      request(api.server).delete(path).set('Authorization', api.bearer(userId, role)),
  });
  const direct = async (a: string, b: string) => {
    const res = await as(a)
      .post('/v1/conversations', { kind: 'direct', members: [{ userId: b }] })
      .expect(201);
    return res.body.id as string;
  };
  const send = (userId: string, conversationId: string, clientMsgId: string, text = clientMsgId) =>
    as(userId).post(`/v1/conversations/${conversationId}/messages`, {
      clientMsgId,
      type: 'text',
      text,
    });

  it('creates a direct conversation, sends, replays and reads history', async () => {
    const [alice, bob] = [id('alice'), id('bob')];
    const created = await as(alice)
      .post('/v1/conversations', { kind: 'direct', members: [{ userId: bob }] })
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'direct',
      lastSeq: 0,
      closed: false,
      members: [
        { userId: alice, role: 'customer', memberRole: 'member' },
        { userId: bob, role: 'customer', memberRole: 'member' },
      ],
    });
    const cid = created.body.id as string;
    const first = await send(alice, cid, 'c1', 'hello darn world').expect(201);
    expect(first.body).toMatchObject({
      seq: 1,
      senderId: alice,
      text: 'hello **** world',
      internal: false,
    });
    const replay = await send(alice, cid, 'c1', 'something else').expect(201);
    expect(replay.body).toEqual(first.body);
    await send(bob, cid, 'c2').expect(201);
    await send(alice, cid, 'c3').expect(201);
    const history = await as(bob).get(`/v1/conversations/${cid}/messages`).expect(200);
    expect(history.body.messages.map((v: { seq: number }) => v.seq)).toEqual([1, 2, 3]);
    expect(history.body.more).toBe(false);
    const back = await as(bob)
      .get(`/v1/conversations/${cid}/messages?beforeSeq=3&limit=1`)
      .expect(200);
    expect(back.body).toMatchObject({ messages: [{ seq: 2, clientMsgId: 'c2' }], more: true });
    const fwd = await as(bob)
      .get(`/v1/conversations/${cid}/messages?afterSeq=1&limit=1`)
      .expect(200);
    expect(fwd.body).toMatchObject({ messages: [{ seq: 2 }], more: true });
    await as(bob)
      .get(`/v1/conversations/${cid}`)
      .expect(200)
      .expect(({ body }) => expect(body.lastSeq).toBe(3));
  });

  it('answers a create replayed with the same Idempotency-Key with the same conversation', async () => {
    const [alice, bob] = [id('alice'), id('bob')];
    const create = () =>
      as(alice)
        .post('/v1/conversations', {
          kind: 'group',
          members: [{ userId: bob, memberRole: 'admin' }],
        })
        .set('Idempotency-Key', 'create-1');
    const first = await create().expect(201);
    const again = await create().expect(201);
    expect(again.body).toEqual(first.body);
    expect(first.body.members).toEqual([
      { userId: alice, role: 'customer', memberRole: 'owner' },
      { userId: bob, role: 'customer', memberRole: 'admin' },
    ]);
    // Another caller's same key is another conversation.
    const other = await as(bob)
      .post('/v1/conversations', { kind: 'direct', members: [{ userId: alice }] })
      .set('Idempotency-Key', 'create-1')
      .expect(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('documents every route in OpenAPI', async () => {
    const doc = await request(api.server).get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/conversations',
        '/v1/conversations/sync',
        '/v1/conversations/{id}',
        '/v1/conversations/{id}/messages',
        '/v1/conversations/{id}/read',
        '/v1/conversations/{id}/members',
        '/v1/conversations/{id}/members/{userId}',
        '/v1/messages',
      ]),
    );
  });

  it('wakes a long-poll at the head as soon as a message arrives', async () => {
    const [alice, bob] = [id('alice'), id('bob')];
    const cid = await direct(alice, bob);
    await send(alice, cid, 'c1').expect(201);
    const poll = as(bob)
      .get(`/v1/conversations/${cid}/messages?afterSeq=1&wait=20`)
      .then((r) => r);
    await eventually(() => expect(api.projection.parkedPolls(cid)).toBe(1));
    await send(alice, cid, 'c2').expect(201);
    const answer = await poll;
    expect(answer.status).toBe(200);
    expect(answer.body.messages.map((v: { clientMsgId: string }) => v.clientMsgId)).toEqual(['c2']);
  });

  it('syncs, marks read and counts unread per user across devices', async () => {
    const [alice, bob] = [id('alice'), id('bob')];
    const cid = await direct(alice, bob);
    for (const c of ['a1', 'a2', 'a3']) await send(alice, cid, c).expect(201);
    await send(bob, cid, 'b1').expect(201);
    const sync = await as(bob)
      .post('/v1/conversations/sync', { cursors: [{ conversationId: cid, afterSeq: 1 }] })
      .expect(200);
    expect(sync.body.messages.map((v: { seq: number }) => v.seq)).toEqual([2, 3, 4]);
    const list = async () =>
      (await as(bob).get('/v1/conversations').expect(200)).body.find(
        (c: { id: string }) => c.id === cid,
      );
    expect(await list()).toMatchObject({ lastSeq: 4, unread: 3 });
    await as(bob)
      .post(`/v1/conversations/${cid}/read`, { seq: 2, deviceId: 'phone' })
      .expect(200, { conversationId: cid, seq: 2 });
    await as(bob)
      .post(`/v1/conversations/${cid}/read`, { seq: 1, deviceId: 'phone' })
      .expect(200, { conversationId: cid, seq: 2 });
    await as(bob).post(`/v1/conversations/${cid}/read`, { seq: 9, deviceId: 'phone' }).expect(400);
    expect(await list()).toMatchObject({ unread: 1 });
    await as(bob).post(`/v1/conversations/${cid}/read`, { seq: 3, deviceId: 'laptop' }).expect(200);
    expect(await list()).toMatchObject({ unread: 0 }); // seq 4 is bob's own
    // Read receipts: the furthest seq per reader over their devices, as alice sees it.
    const seen = await as(alice).get(`/v1/conversations/${cid}`).expect(200);
    expect(seen.body.readBy).toEqual({ [bob]: 3 });
  });

  it('delivers one message to several conversations, each slot on its own', async () => {
    const [agent, c1, c2, stranger] = [id('agent'), id('cust'), id('cust'), id('x')];
    const a = (
      await as(agent, 'agent')
        .post('/v1/conversations', { kind: 'direct', members: [{ userId: c1 }] })
        .expect(201)
    ).body.id;
    const b = (
      await as(agent, 'agent')
        .post('/v1/conversations', { kind: 'direct', members: [{ userId: c2 }] })
        .expect(201)
    ).body.id;
    const notMine = await direct(stranger, c1);
    const body = {
      conversationIds: [a, b, notMine],
      clientMsgId: 'promo-1',
      type: 'text',
      text: 'Sale!',
    };
    const res = await as(agent, 'agent').post('/v1/messages', body).expect(201);
    expect(res.body.results).toMatchObject([
      { conversationId: a, ok: true, message: { seq: 1, text: 'Sale!' } },
      { conversationId: b, ok: true, message: { seq: 1 } },
      { conversationId: notMine, ok: false, error: { code: 'NOT_A_MEMBER' } },
    ]);
    const again = await as(agent, 'agent').post('/v1/messages', body).expect(201);
    expect(again.body.results[0].message).toEqual(res.body.results[0].message);
  });

  it('manages group members: owner adds, member cannot, owner removes', async () => {
    const [owner, m1, m2] = [id('owner'), id('m'), id('m')];
    const g = await as(owner)
      .post('/v1/conversations', { kind: 'group', members: [{ userId: m1 }] })
      .expect(201);
    expect(g.body.members[0]).toMatchObject({ userId: owner, memberRole: 'owner' });
    const gid = g.body.id as string;
    await as(m1).post(`/v1/conversations/${gid}/members`, { userId: m2 }).expect(403);
    await as(owner).post(`/v1/conversations/${gid}/members`, { userId: m2 }).expect(201);
    await as(owner)
      .post(`/v1/conversations/${gid}/members`, { userId: m2, role: 'agent' })
      .expect(403);
    const removed = await as(owner).del(`/v1/conversations/${gid}/members/${m1}`).expect(200);
    expect(removed.body.members.map((m: { userId: string }) => m.userId)).toEqual([owner, m2]);
    await send(m1, gid, 'late').expect(403);
  });

  it('keeps strangers out and internal notes away from customers', async () => {
    const [agent, customer, stranger] = [id('agent'), id('cust'), id('x')];
    const cid = (
      await as(agent, 'agent')
        .post('/v1/conversations', { kind: 'direct', members: [{ userId: customer }] })
        .expect(201)
    ).body.id;
    await as(agent, 'agent')
      .post(`/v1/conversations/${cid}/messages`, {
        clientMsgId: 'n1',
        type: 'text',
        text: 'note',
        internal: true,
      })
      .expect(201);
    await send(agent, cid, 'hi').set('Authorization', api.bearer(agent, 'agent')).expect(201);
    const seen = await as(customer).get(`/v1/conversations/${cid}/messages`).expect(200);
    expect(seen.body.messages.map((v: { clientMsgId: string }) => v.clientMsgId)).toEqual(['hi']);
    const staff = await as('sup-1', 'supervisor')
      .get(`/v1/conversations/${cid}/messages`)
      .expect(200);
    expect(staff.body.messages).toHaveLength(2);
    // A trailing internal note: the customer's head is still seq 2, and a poll there parks.
    await as(agent, 'agent')
      .post(`/v1/conversations/${cid}/messages`, {
        clientMsgId: 'n2',
        type: 'text',
        text: 'note',
        internal: true,
      })
      .expect(201);
    await as(customer)
      .get(`/v1/conversations/${cid}`)
      .expect(200)
      .expect(({ body }) => expect(body.lastSeq).toBe(2));
    await as('sup-1', 'supervisor')
      .get(`/v1/conversations/${cid}`)
      .expect(200)
      .expect(({ body }) => expect(body.lastSeq).toBe(3));
    const poll = as(customer)
      .get(`/v1/conversations/${cid}/messages?afterSeq=2&wait=20`)
      .then((r) => r);
    await eventually(() => expect(api.projection.parkedPolls(cid)).toBe(1));
    await send(agent, cid, 'visible').set('Authorization', api.bearer(agent, 'agent')).expect(201);
    expect((await poll).body.messages.map((v: { seq: number }) => v.seq)).toEqual([4]);
    await send(stranger, cid, 'x')
      .expect(403)
      .expect(({ body }) => expect(body.code).toBe('NOT_A_MEMBER'));
    await as(stranger)
      .get(`/v1/conversations/${cid}/messages`)
      .expect(403)
      .expect(({ body }) => expect(body.code).toBe('CONVERSATION_FORBIDDEN'));
    await as(stranger).get(`/v1/conversations/${cid}`).expect(403);
    await as(stranger)
      .post('/v1/conversations/sync', { cursors: [{ conversationId: cid, afterSeq: 0 }] })
      .expect(403);
    await as(stranger).post(`/v1/conversations/${cid}/read`, { seq: 0, deviceId: 'd' }).expect(403);
    await as(stranger).get(`/v1/conversations/${randomUUID()}`).expect(404);
  });

  it('answers bad bodies with 400 field errors and stores nothing', async () => {
    const [alice, bob] = [id('alice'), id('bob')];
    const cid = await direct(alice, bob);
    const before = (await api.store.readAll()).length;
    const bad = [
      send(alice, cid, 'has spaces'),
      as(alice).post(`/v1/conversations/${cid}/messages`, {
        clientMsgId: 'x',
        type: 'video',
        text: 'x',
      }),
      as(alice).post(`/v1/conversations/${cid}/messages`, { clientMsgId: 'x', type: 'text' }),
      as(alice).post(`/v1/conversations/${cid}/messages`, { clientMsgId: 'x', type: 'image' }),
      as(alice).post(`/v1/conversations/${cid}/messages`, {
        clientMsgId: 'x',
        type: 'text',
        text: 'x',
        extra: 1,
      }),
      as(alice).post('/v1/conversations', { kind: 'circle', members: [] }),
      as(alice).post('/v1/conversations/sync', { cursors: [] }),
      as(alice).post('/v1/conversations/sync', {
        cursors: [{ conversationId: cid, afterSeq: -1 }],
        wait: 31,
      }),
      as(alice).post(`/v1/conversations/${cid}/read`, { seq: 'one' }),
      as(alice).post('/v1/messages', {
        conversationIds: [],
        clientMsgId: 'x',
        type: 'text',
        text: 'x',
      }),
      as(alice).get(`/v1/conversations/${cid}/messages?limit=0&wait=99`),
    ];
    for (const res of await Promise.all(bad)) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    await as(alice)
      .post('/v1/conversations', { kind: 'direct', members: [{ userId: bob }, { userId: 'c' }] })
      .expect(400);
    expect((await api.store.readAll()).length).toBe(before);
  });

  it('publishes its events on im.messages.v1 keyed by conversation id, data as stored', async () => {
    const [alice, bob] = [id('alice'), id('bob')];
    const cid = await direct(alice, bob);
    const seen: { key: string; type: string; data: Record<string, unknown> }[] = [];
    const consumer = await api.bus.consume(
      { groupId: id('im-test'), topics: ['im.messages.v1'], fromBeginning: true },
      async (message) => {
        const envelope = JSON.parse(message.value) as {
          type: string;
          data: Record<string, unknown>;
        };
        if (message.key === cid) seen.push({ key: message.key, ...envelope });
      },
    );
    try {
      const sent = await send(alice, cid, 'on-the-bus').expect(201);
      await eventually(() =>
        expect(seen.map((e) => e.type)).toEqual(['ConversationCreated', 'MessagePosted']),
      );
      const [stored] = (await api.store.readStream(`conversation-${cid}`)).slice(-1);
      expect(seen[1].data).toEqual(stored.data);
      expect(seen[1].data).toMatchObject({
        messageId: sent.body.id,
        seq: 1,
        recipients: [{ userId: bob, role: 'customer' }],
      });
    } finally {
      await consumer.stop();
    }
  });

  it('creates a consultation conversation from consultation.events.v1 on the bus', async () => {
    const consultationId = randomUUID();
    const conversationId = randomUUID();
    const customer = id('cust');
    const eventId = randomUUID();
    const waiting = as(customer)
      .get(`/v1/conversations/${conversationId}?wait=10`)
      .then((r) => r);
    await api.bus.publish({
      topic: 'consultation.events.v1',
      key: consultationId,
      value: JSON.stringify({
        id: eventId,
        type: 'ConsultationOpened',
        version: 1,
        streamId: `consultation-${consultationId}`,
        revision: 0,
        position: 1,
        occurredAt: '2026-12-04T10:00:00.000Z',
        correlationId: eventId,
        causationId: eventId,
        data: {
          consultationId,
          customerId: customer,
          domain: 'travel',
          group: null,
          subject: null,
          context: {},
          conversationId,
          at: '2026-12-04T10:00:00.000Z',
        },
      }),
    });
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'consultation', consultationId, domain: 'travel' });
  });
});
