import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConnectionState,
  ConsultationUpdate,
  PresenceEvent,
  ReadEvent,
  TypingEvent,
} from '../src';
import { ScriptedServer } from './support/scripted.server';
import { range, seqsOf, testClient, waitFor, type TestClient } from './support/test-clients';

describe('socket transport: pushes, acks and the handshake', () => {
  let server: ScriptedServer;
  const open: TestClient[] = [];
  const client = (userId: string, extra = {}) => {
    const created = testClient(server, userId, { socketTransports: ['websocket'], ...extra });
    open.push(created);
    return created;
  };

  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    for (const { client: c } of open.splice(0)) c.close();
    await server.stop();
  });

  it('drops duplicate pushes but acks every one of them', async () => {
    const conversationId = server.store.createConversation(['alice', 'bob']);
    const alice = client('alice');
    const bob = client('bob');
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    server.knobs.duplicatePushes = true;

    for (const i of range(1, 20))
      await alice.client.send({ conversationId, type: 'text', text: `m${i}` });

    // 20 messages × 2 members (the sender's socket too) × 2 copies, each acked at once.
    await waitFor(
      () => server.gateway.stats.pushAcks >= 80,
      () => `acks ${server.gateway.stats.pushAcks}`,
    );
    expect(seqsOf(bob.received, conversationId)).toEqual(range(1, 20));
    expect(seqsOf(alice.received, conversationId)).toEqual(range(1, 20));
    expect(server.gateway.stats.pushes).toBe(80);
  });

  it('fills gaps left by pushes the server skipped (the last one too) by syncing', async () => {
    const conversationId = server.store.createConversation(['alice', 'bob']);
    const alice = client('alice');
    // Nothing after seq 10 reveals that its push was lost: only the periodic resync finds it.
    const bob = client('bob', { resyncIntervalMs: 200 });
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    server.knobs.skipPush = (message, userId) =>
      userId === 'bob' && [3, 7, 10].includes(message.seq);

    for (const i of range(1, 10))
      await alice.client.send({ conversationId, type: 'text', text: `m${i}` });

    await waitFor(
      () => bob.received.length >= 10,
      () => `bob has ${seqsOf(bob.received, conversationId)}`,
    );
    expect(seqsOf(bob.received, conversationId)).toEqual(range(1, 10));
  });

  it('learns a new conversation from a push and syncs it from the start', async () => {
    const alice = client('alice');
    const bob = client('bob');
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    const conversationId = server.store.createConversation(['alice', 'bob']);
    server.knobs.skipPush = (message, userId) => userId === 'bob' && message.seq === 1;

    await alice.client.send({ conversationId, type: 'text', text: 'first' });
    await alice.client.send({ conversationId, type: 'text', text: 'second' });

    await waitFor(
      () => bob.received.length >= 2,
      () => `bob has ${bob.received.length}`,
    );
    expect(bob.received.map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('acks a push even when a listener throws, and reports the error', async () => {
    const conversationId = server.store.createConversation(['alice', 'bob']);
    const alice = client('alice');
    const bob = client('bob');
    const errors: Error[] = [];
    bob.client.on('message', () => {
      throw new Error('listener bug');
    });
    bob.client.on('error', (error) => errors.push(error));
    await Promise.all([alice.client.connect(), bob.client.connect()]);

    await alice.client.send({ conversationId, type: 'text', text: 'x' });

    await waitFor(
      () => server.gateway.stats.pushAcks >= 2,
      () => 'no ack',
    );
    expect(server.gateway.stats.pushes).toBe(2);
    expect(bob.received).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual(['listener bug']);
  });

  it('connects and reports the error when the first sync is refused, then recovers', async () => {
    const conversationId = server.store.createConversation(['alice', 'bob']);
    server.store.post('alice', { conversationId, clientMsgId: 'k1', type: 'text', text: 'x' });
    server.knobs.refuseSyncs = 1;
    const bob = client('bob', { resyncIntervalMs: 100 });
    const errors: string[] = [];
    bob.client.on('error', (error) => errors.push((error as { code?: string }).code ?? '?'));

    await bob.client.connect();

    expect(errors).toEqual(['VALIDATION_FAILED']);
    await waitFor(
      () => bob.received.length === 1,
      () => 'the periodic resync did not recover',
    );
  });

  it('surfaces HANDSHAKE_INVALID for a bad device', async () => {
    const { client: bad } = client('alice', { device: 'toaster' as never });
    await expect(bad.connect()).rejects.toMatchObject({ code: 'HANDSHAKE_INVALID' });
  });

  it('comes back and resyncs after the server disconnects it on purpose', async () => {
    const conversationId = server.store.createConversation(['alice', 'bob']);
    const alice = client('alice');
    const bob = client('bob');
    const states: ConnectionState[] = [];
    bob.client.on('connection', (state) => states.push(state));
    await Promise.all([alice.client.connect(), bob.client.connect()]);

    server.gateway.kick('bob');
    await waitFor(
      () => states.includes('disconnected'),
      () => `states ${states}`,
    );
    for (const i of range(1, 5))
      await alice.client.send({ conversationId, type: 'text', text: `m${i}` });

    await waitFor(
      () => bob.received.length >= 5,
      () => `bob has ${bob.received.length}`,
    );
    expect(seqsOf(bob.received, conversationId)).toEqual(range(1, 5));
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
  });

  it('delivers the other pushes and answers the other requests', async () => {
    const bob = client('bob');
    const seen: {
      consultation: ConsultationUpdate[];
      presence: PresenceEvent[];
      read: ReadEvent[];
      typing: TypingEvent[];
    } = { consultation: [], presence: [], read: [], typing: [] };
    bob.client.on('consultation', (e) => seen.consultation.push(e));
    bob.client.on('presence', (e) => seen.presence.push(e));
    bob.client.on('read', (e) => seen.read.push(e));
    bob.client.on('typing', (e) => seen.typing.push(e));
    await bob.client.connect();

    const consultation = await bob.client.openConsultation({ domain: 'travel', subject: 'refund' });
    await bob.client.typing(consultation.conversationId, true);
    expect(await bob.client.markRead(consultation.conversationId, 3)).toBe(3);
    await bob.client.rate(consultation.id, 5, 'great');
    server.gateway.emitTo('bob', 'consultation.updated', {
      id: consultation.id,
      state: 'assigned',
      agentId: 'a1',
    });
    server.gateway.emitTo('bob', 'presence', { userId: 'a1', online: true });
    server.gateway.emitTo('bob', 'read', {
      conversationId: 'c',
      userId: 'a1',
      deviceId: 'd',
      seq: 2,
    });
    server.gateway.emitTo('bob', 'typing', { conversationId: 'c', userId: 'a1', typing: true });

    await waitFor(
      () => seen.typing.length === 1,
      () => JSON.stringify(seen),
    );
    expect(consultation).toMatchObject({ state: 'pending' });
    expect(seen.consultation).toEqual([{ id: consultation.id, state: 'assigned', agentId: 'a1' }]);
    expect(seen.presence).toEqual([{ userId: 'a1', online: true }]);
    expect(seen.read).toEqual([{ conversationId: 'c', userId: 'a1', deviceId: 'd', seq: 2 }]);
    expect(bob.client.cursors()).toEqual([
      { conversationId: consultation.conversationId, afterSeq: 0 },
    ]);
  });
});
