import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScriptedServer } from './support/scripted.server';
import { range, seqsOf, testClient, waitFor, type TestClient } from './support/test-clients';

describe('long-poll transport: parking and discovery', () => {
  let server: ScriptedServer;
  const open: TestClient[] = [];
  const client = (userId: string, waitSeconds: number) => {
    const created = testClient(server, userId, {
      transport: 'long-poll',
      longPoll: { waitSeconds, discoverIntervalMs: 300 },
    });
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

  it('a parked poll answers as soon as a message lands, well before its 30 s wait', async () => {
    const conversationId = server.store.createConversation(['alice', 'bob']);
    const alice = client('alice', 30);
    const bob = client('bob', 30);
    await Promise.all([alice.client.connect(), bob.client.connect()]);

    await alice.client.send({ conversationId, type: 'text', text: 'wake up' });

    await waitFor(
      () => bob.received.length === 1,
      () => 'bob is still parked',
      10_000,
    );
    expect(bob.received[0].text).toBe('wake up');
  });

  it('finds conversations created after it connected', async () => {
    const alice = client('alice', 1);
    const bob = client('bob', 1);
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    const conversationId = server.store.createConversation(['alice', 'bob']);

    for (const i of range(1, 3))
      await alice.client.send({ conversationId, type: 'text', text: `m${i}` });

    await waitFor(
      () => bob.received.length >= 3,
      () => `bob has ${bob.received.length}`,
    );
    expect(seqsOf(bob.received, conversationId)).toEqual([1, 2, 3]);
  });

  it('rejects a refused token without ever polling', async () => {
    const { client: refused } = testClient(server, 'mallory', {
      transport: 'long-poll',
      token: 'bad',
    });
    open.push({ client: refused, received: [] });

    await expect(refused.connect()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(server.rest.stats.polls).toBe(0);
  });
});
