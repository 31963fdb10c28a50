import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../consultations/consultations.fixture';
import {
  type SplitClient,
  type SplitDeployment,
  startSplitDeployment,
} from './split-gateway.fixture';

const until = (check: () => boolean, what: string) =>
  eventually(async () => {
    if (!check()) throw new Error(`still waiting for ${what}`);
  }, 10_000);

const of = (client: SplitClient, event: string) =>
  client.events.filter((item) => item.event === event).map((item) => item.payload);

/**
 * A stateless gateway in front of the services: its clients chat, sync and see their queue
 * position exactly as on the one-process gateway, though the gateway holds no context.
 */
describe('Split deployment: a stateless gateway (HTTP edge) in front of the services', () => {
  let split: SplitDeployment;

  beforeAll(async () => {
    split = await startSplitDeployment();
  }, 30_000);

  afterAll(async () => {
    await split?.close();
  });

  it('a waiting customer on the split gateway is told their queue position', async () => {
    const customer = await split.connect(`cust-${randomUUID().slice(0, 8)}`, 'customer');
    const opened = await customer.emit('consultation.open', {
      domain: 'travel',
      group: `nobody-${randomUUID().slice(0, 8)}`,
    });
    expect(opened).toMatchObject({ ok: true, consultation: { state: 'pending' } });
    const { id } = opened.consultation as { id: string };
    await until(
      () => of(customer, 'consultation.updated').some((u) => u.queuePosition === 1),
      'the queue position',
    );
    expect(of(customer, 'consultation.updated')).toContainEqual({
      id,
      state: 'pending',
      queuePosition: 1,
    });
  });

  it('customer and agent chat through it: acks, idempotent resend, targeted delivery, sync', async () => {
    const group = `team-${randomUUID().slice(0, 8)}`;
    const agentId = `agent-${randomUUID().slice(0, 8)}`;
    await split.onlineAgent(agentId, group);
    const customer = await split.connect(`cust-${randomUUID().slice(0, 8)}`, 'customer');
    const agent = await split.connect(agentId, 'agent');
    const opened = await customer.emit('consultation.open', { domain: 'travel', group });
    const { id, conversationId } = opened.consultation as { id: string; conversationId: string };
    const asAgent = split.bearer(agentId, 'agent');
    await eventually(async () => {
      const res = await request(split.server)
        .get(`/v1/consultations/${id}`)
        .set('Authorization', asAgent);
      expect(res.body.state).toBe('assigned');
    });
    await request(split.server)
      .post(`/v1/consultations/${id}/accept`)
      .set('Authorization', asAgent)
      .send({})
      .expect(200);
    await eventually(async () => {
      await request(split.server)
        .get(`/v1/conversations/${conversationId}`)
        .set('Authorization', asAgent)
        .expect(200);
    });

    const send = {
      conversationId,
      clientMsgId: randomUUID(),
      type: 'text',
      text: 'Where is my bag?',
    };
    const sent = await customer.emit('message.send', send);
    expect(sent).toMatchObject({ ok: true, message: { seq: 1, text: 'Where is my bag?' } });
    expect(await customer.emit('message.send', send)).toEqual(sent);
    await until(() => of(agent, 'message.new').length === 1, 'the message at the agent');
    expect(of(agent, 'message.new')[0]).toMatchObject({ conversationId, seq: 1 });
    // The dispatcher reached the agent's socket through the link, on this gateway.
    const pushed = split.linked.filter((batch) => batch.event === 'message.new');
    expect(pushed.flatMap((batch) => batch.wsids)).toContain(agent.socket.id);

    const reply = await agent.emit('message.send', {
      conversationId,
      clientMsgId: randomUUID(),
      type: 'text',
      text: 'On its way',
    });
    expect(reply).toMatchObject({ ok: true, message: { seq: 2 } });
    await until(
      () => of(customer, 'message.new').some((message) => message.seq === 2),
      'the reply at the customer',
    );
    const synced = await customer.emit('conversation.sync', {
      cursors: [{ conversationId, afterSeq: 0 }],
    });
    expect((synced.messages as { seq: number }[]).map((message) => message.seq)).toEqual([1, 2]);
    expect(await customer.emit('conversation.read', { conversationId, seq: 2 })).toEqual({
      ok: true,
      seq: 2,
    });
    expect(await customer.emit('typing', { conversationId, typing: true })).toEqual({ ok: true });
    await until(() => of(agent, 'typing').length === 1, 'typing at the agent');
    expect(await agent.emit('consultation.open', { domain: 'travel' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
