import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCursorStore, SwitchboardError, type SwitchboardClientOptions } from '../src';
import { ScriptedServer } from './support/scripted.server';
import { range, seqsOf, testClient, waitFor, type TestClient } from './support/test-clients';

/**
 * The guarantees every transport must keep (DESIGN: "the same semantics over WebSocket and
 * over long-polling"), one suite run once per transport.
 */
export function describeDeliveryGuarantees(
  name: string,
  transport: Partial<SwitchboardClientOptions>,
): void {
  describe(`delivery guarantees over ${name}`, () => {
    let server: ScriptedServer;
    const open: TestClient[] = [];
    const client = (
      userId: string,
      extra: Partial<SwitchboardClientOptions> = {},
      role?: 'agent',
    ) => {
      const created = testClient(server, userId, { ...transport, ...extra }, role);
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

    it('delivers every message once, in seq order, to the other member and the sender', async () => {
      const conversationId = server.store.createConversation(['alice', 'bob']);
      const alice = client('alice');
      const bob = client('bob');
      await Promise.all([alice.client.connect(), bob.client.connect()]);

      const sent = await Promise.all(
        range(1, 50).map((i) => alice.client.send({ conversationId, type: 'text', text: `m${i}` })),
      );

      expect(sent.map((m) => m.text)).toEqual(range(1, 50).map((i) => `m${i}`));
      await waitFor(
        () => bob.received.length >= 50,
        () => `bob has ${bob.received.length}`,
      );
      expect(seqsOf(bob.received, conversationId)).toEqual(range(1, 50));
      expect(seqsOf(alice.received, conversationId)).toEqual(range(1, 50));
      expect(bob.client.cursors()).toEqual([{ conversationId, afterSeq: 50 }]);
    });

    it('loses and repeats nothing when the receiver drops mid-stream (200 messages)', async () => {
      const conversationId = server.store.createConversation(['alice', 'bob']);
      const alice = client('alice');
      const bob = client('bob');
      await Promise.all([alice.client.connect(), bob.client.connect()]);
      const sendRange = (from: number, to: number) =>
        Promise.all(
          range(from, to).map((i) =>
            alice.client.send({ conversationId, type: 'text', text: `m${i}` }),
          ),
        );

      await sendRange(1, 50);
      await waitFor(
        () => bob.received.length >= 50,
        () => `bob has ${bob.received.length}`,
      );
      server.goOffline('bob');
      await waitFor(
        () => bob.client.connectionState() === 'disconnected',
        () => 'bob still connected',
      );
      await sendRange(51, 150);
      expect(bob.received.length).toBe(50);
      server.goOnline('bob');
      await sendRange(151, 200);

      await waitFor(
        () => bob.received.length >= 200,
        () => `bob has ${bob.received.length}`,
      );
      expect(seqsOf(bob.received, conversationId)).toEqual(range(1, 200));
      expect(new Set(bob.received.map((m) => m.id)).size).toBe(200);
    });

    it('retries a send whose answer was lost with the same clientMsgId: one message stored', async () => {
      const conversationId = server.store.createConversation(['alice', 'bob']);
      const alice = client('alice', { requestTimeoutMs: 300 });
      await alice.client.connect();
      server.knobs.loseSendAnswers = 1;

      const message = await alice.client.send({ conversationId, type: 'text', text: 'once' });

      const stored = server.store.messagesOf(conversationId);
      expect(stored).toHaveLength(1);
      expect(message).toEqual(stored[0]);
      expect(server.gateway.stats.sendRequests + server.rest.stats.sendRequests).toBe(2);
      expect(alice.received.map((m) => m.id)).toEqual([message.id]);
    });

    it('retries an open whose answer was lost with the same requestId: one consultation', async () => {
      const customer = client('carol', { requestTimeoutMs: 300 });
      await customer.client.connect();
      server.knobs.loseOpenAnswers = 1;

      const opened = await customer.client.openConsultation({ domain: 'travel' });

      expect(server.store.consultations).toEqual([opened]);
      expect(server.gateway.stats.openRequests + server.rest.stats.openRequests).toBe(2);
      // Each open call is its own request: a second call opens a second consultation.
      const second = await customer.client.openConsultation({ domain: 'travel' });
      expect(second.id).not.toBe(opened.id);
      expect(server.store.consultations).toHaveLength(2);
    });

    it('stores a message once when an app re-sends it with its own clientMsgId', async () => {
      const conversationId = server.store.createConversation(['alice', 'bob']);
      const alice = client('alice');
      await alice.client.connect();

      const first = await alice.client.send({
        conversationId,
        clientMsgId: 'outbox-1',
        type: 'text',
        text: 'x',
      });
      const again = await alice.client.send({
        conversationId,
        clientMsgId: 'outbox-1',
        type: 'text',
        text: 'x',
      });

      expect(again).toEqual(first);
      expect(server.store.messagesOf(conversationId)).toHaveLength(1);
      expect(alice.received).toHaveLength(1);
    });

    it('queues sends made while offline and sends them, in order, after reconnecting', async () => {
      const conversationId = server.store.createConversation(['alice', 'bob']);
      const alice = client('alice');
      const bob = client('bob');
      await Promise.all([alice.client.connect(), bob.client.connect()]);
      server.goOffline('alice');
      await waitFor(
        () => alice.client.connectionState() === 'disconnected',
        () => 'alice still connected',
      );

      const sends = ['a', 'b', 'c'].map((text) =>
        alice.client.send({ conversationId, type: 'text', text }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.store.messagesOf(conversationId)).toHaveLength(0);
      server.goOnline('alice');

      const sent = await Promise.all(sends);
      expect(sent.map((m) => [m.seq, m.text])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ]);
      await waitFor(
        () => bob.received.length >= 3,
        () => `bob has ${bob.received.length}`,
      );
      expect(bob.received.map((m) => m.text)).toEqual(['a', 'b', 'c']);
    });

    it('surfaces a refused token as a typed error and fails pending sends with it', async () => {
      const { client: refused } = client('mallory', { token: 'not-a-token' });
      const pending = refused.send({ conversationId: 'any', type: 'text', text: 'x' });

      const error = await refused.connect().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(SwitchboardError);
      expect((error as SwitchboardError).code).toBe('UNAUTHENTICATED');
      expect(refused.connectionState()).toBe('failed');
      await expect(pending).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('does not retry a typed refusal', async () => {
      const alice = client('alice');
      await alice.client.connect();
      const conversationId = server.store.createConversation(['bob']);

      const error = await alice.client
        .send({ conversationId, type: 'text', text: 'x' })
        .catch((e: unknown) => e);

      expect(error).toMatchObject({ code: 'NOT_A_MEMBER' });
      expect(server.gateway.stats.sendRequests + server.rest.stats.sendRequests).toBe(1);
    });

    it('does not stall on seqs a customer may not see (internal notes)', async () => {
      const conversationId = server.store.createConversation(['agent', 'customer']);
      const agent = client('agent', {}, 'agent');
      const customer = client('customer');
      await Promise.all([agent.client.connect(), customer.client.connect()]);

      await agent.client.send({ conversationId, type: 'text', text: 'hello' });
      await agent.client.send({ conversationId, type: 'text', text: 'note', internal: true });
      await agent.client.send({ conversationId, type: 'text', text: 'how can I help?' });

      await waitFor(
        () => customer.received.length >= 2,
        () => `customer has ${customer.received.length}`,
      );
      expect(customer.received.map((m) => [m.seq, m.text])).toEqual([
        [1, 'hello'],
        [3, 'how can I help?'],
      ]);
      expect(agent.received.map((m) => m.seq)).toEqual([1, 2, 3]);
    });

    it('catches up on more conversations than one sync may carry (250 > 200 cursors)', async () => {
      const ids = range(1, 250).map(() => server.store.createConversation(['alice', 'bob']));
      const bob = client('bob');
      await bob.client.connect();
      server.goOffline('bob');
      await waitFor(
        () => bob.client.connectionState() === 'disconnected',
        () => 'bob still connected',
      );

      for (const conversationId of ids) {
        server.store.post('alice', { conversationId, clientMsgId: 'k', type: 'text', text: 'hi' });
      }
      server.goOnline('bob');

      await waitFor(
        () => bob.received.length >= 250,
        () => `bob has ${bob.received.length}`,
      );
      expect(new Set(bob.received.map((m) => m.conversationId))).toEqual(new Set(ids));
      expect(bob.received).toHaveLength(250);
    });

    it('keeps syncing the other conversations after losing one', async () => {
      const lost = server.store.createConversation(['alice', 'bob']);
      const kept = server.store.createConversation(['alice', 'bob']);
      const alice = client('alice');
      const bob = client('bob');
      await Promise.all([alice.client.connect(), bob.client.connect()]);
      server.store.removeMember(lost, 'bob');
      server.goOffline('bob');
      await waitFor(
        () => bob.client.connectionState() === 'disconnected',
        () => 'bob still connected',
      );

      for (const i of range(1, 3))
        await alice.client.send({ conversationId: kept, type: 'text', text: `m${i}` });
      server.goOnline('bob');

      await waitFor(
        () => bob.received.length >= 3,
        () => `bob has ${bob.received.length}`,
      );
      expect(seqsOf(bob.received, kept)).toEqual([1, 2, 3]);
      expect(bob.client.cursors()).toEqual([{ conversationId: kept, afterSeq: 3 }]);
    });

    it('resumes from persisted cursors in a new client instance without repeats', async () => {
      const conversationId = server.store.createConversation(['alice', 'bob']);
      const cursorStore = new MemoryCursorStore();
      const alice = client('alice');
      const first = client('bob', { cursorStore });
      await Promise.all([alice.client.connect(), first.client.connect()]);
      for (const i of range(1, 10))
        await alice.client.send({ conversationId, type: 'text', text: `m${i}` });
      await waitFor(
        () => first.received.length >= 10,
        () => `bob has ${first.received.length}`,
      );
      first.client.close();

      for (const i of range(11, 15))
        await alice.client.send({ conversationId, type: 'text', text: `m${i}` });
      const second = client('bob', { cursorStore });
      await second.client.connect();

      await waitFor(
        () => second.received.length >= 5,
        () => `bob has ${second.received.length}`,
      );
      await alice.client.send({ conversationId, type: 'text', text: 'm16' });
      await waitFor(
        () => second.received.length >= 6,
        () => `bob has ${second.received.length}`,
      );
      expect(seqsOf(second.received, conversationId)).toEqual(range(11, 16));
      expect(cursorStore.get()).toEqual({ [conversationId]: 16 });
    });
  });
}
