import { DomainError } from '@switchboard/es-core';
import { type OpenConsultationCommand } from '@switchboard/consultation/application/open-consultation/open-consultation.command';
import { type RateConsultationCommand } from '@switchboard/consultation/application/rate-consultation/rate-consultation.command';
import { type GetConversationQuery } from '@switchboard/conversation/application/get-conversation/get-conversation.query';
import { type MarkReadCommand } from '@switchboard/conversation/application/mark-read/mark-read.command';
import { type PostMessageCommand } from '@switchboard/conversation/application/post-message/post-message.command';
import { type SyncMessagesQuery } from '@switchboard/conversation/application/sync-messages/sync-messages.query';
import { type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSULTATION_ID, CONVERSATION_ID } from './support/fake-handlers';
import {
  AGENT,
  CUSTOMER,
  type GatewayHarness,
  request,
  startGateway,
} from './support/gateway.harness';

/** What the events asked for; the presence lookup on connect is not one of them. */
const requests = (gateway: GatewayHarness): string[] =>
  gateway.handlers.calls.map((call) => call.name).filter((name) => name !== 'ListConsultations');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('SwitchboardGateway client events', () => {
  let gateway: GatewayHarness;
  let customer: ClientSocket;

  beforeEach(async () => {
    gateway = await startGateway();
    customer = await gateway.connect(CUSTOMER, { deviceId: 'phone-1' });
  });

  afterEach(async () => {
    await gateway.close();
  });

  it('message.send acks the message once PostMessage resolved, as the token user', async () => {
    const answer = await request(customer, 'message.send', {
      conversationId: CONVERSATION_ID,
      clientMsgId: 'c-1',
      type: 'text',
      text: 'hello',
    });
    expect(answer).toEqual({
      ok: true,
      message: expect.objectContaining({ id: 'm-c-1', seq: 1, senderId: 'cust-1', text: 'hello' }),
    });
    const [command] = gateway.handlers.of<PostMessageCommand>('PostMessage');
    expect(command.context.actor).toEqual(CUSTOMER);
    expect(command.context.correlationId).toMatch(UUID);
    expect(command.conversationId).toBe(CONVERSATION_ID);
    expect(command.body).toEqual({ clientMsgId: 'c-1', type: 'text', text: 'hello' });
  });

  it('conversation.sync passes the cursors and limit and acks messages and more', async () => {
    gateway.handlers.respond('SyncMessages', () => ({ messages: [{ id: 'm-9' }], more: true }));
    const cursors = [
      { conversationId: 'conv-1', afterSeq: 0 },
      { conversationId: 'conv-2', afterSeq: 42 },
    ];
    const answer = await request(customer, 'conversation.sync', { cursors, limit: 10 });
    expect(answer).toEqual({ ok: true, messages: [{ id: 'm-9' }], more: true });
    const [query] = gateway.handlers.of<SyncMessagesQuery>('SyncMessages');
    expect(query.actor).toEqual(CUSTOMER);
    expect(query.cursors).toEqual(cursors);
    expect(query.options).toEqual({ limit: 10 });
  });

  it('conversation.read moves the cursor of the handshake device', async () => {
    const answer = await request(customer, 'conversation.read', {
      conversationId: CONVERSATION_ID,
      seq: 7,
    });
    expect(answer).toEqual({ ok: true, seq: 7 });
    const [command] = gateway.handlers.of<MarkReadCommand>('MarkRead');
    expect(command.context.actor).toEqual(CUSTOMER);
    expect(command.deviceId).toBe('phone-1');
    expect(command.seq).toBe(7);
  });

  it('typing fans out to every member but the sending socket, and reuses the member list', async () => {
    const payload = { conversationId: CONVERSATION_ID, typing: true };
    expect(await request(customer, 'typing', payload)).toEqual({ ok: true });
    expect(await request(customer, 'typing', { ...payload, typing: false })).toEqual({ ok: true });
    expect(gateway.fanOut.calls).toEqual([
      {
        audience: [
          { userId: 'cust-1', role: 'customer' },
          { userId: 'agent-1', role: 'agent' },
        ],
        event: 'typing',
        payload: { conversationId: CONVERSATION_ID, userId: 'cust-1', typing: true },
        options: { exceptWsid: customer.id, domain: 'travel' },
      },
      expect.objectContaining({
        payload: { conversationId: CONVERSATION_ID, userId: 'cust-1', typing: false },
      }),
    ]);
    const lookups = gateway.handlers.of<GetConversationQuery>('GetConversation');
    expect(lookups).toHaveLength(1);
    expect(lookups[0].actor).toEqual(CUSTOMER);
  });

  it('typing into a conversation the user may not see is refused and fans out nothing', async () => {
    gateway.handlers.respond('GetConversation', () => {
      throw new DomainError('CONVERSATION_FORBIDDEN', 'Not a member', 'forbidden');
    });
    const answer = await request(customer, 'typing', { conversationId: 'other', typing: true });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'CONVERSATION_FORBIDDEN', message: 'Not a member' },
    });
    expect(gateway.fanOut.calls).toEqual([]);
  });

  it('consultation.open opens, waits for the conversation, then acks id, conversation, state', async () => {
    const body = {
      domain: 'travel',
      group: 'vip',
      subject: 'Refund',
      context: { orderId: 'o-42' },
    };
    const answer = await request(customer, 'consultation.open', body);
    expect(answer).toEqual({
      ok: true,
      consultation: { id: CONSULTATION_ID, conversationId: CONVERSATION_ID, state: 'pending' },
    });
    const [command] = gateway.handlers.of<OpenConsultationCommand>('OpenConsultation');
    expect(command.context.actor).toEqual(CUSTOMER);
    expect(command.body).toEqual(body);
    const [wait] = gateway.handlers.of<GetConversationQuery>('GetConversation');
    expect(wait.conversationId).toBe(CONVERSATION_ID);
    expect(wait.options).toEqual({ waitMs: 5000 });
    expect(requests(gateway)).toEqual(['OpenConsultation', 'GetConversation']);
    // Without a requestId the open has no idempotency key: each one is a new consultation.
    expect(command.context.idempotencyKey).toBeUndefined();
  });

  it("consultation.open's requestId is the open's idempotency key, not part of the body", async () => {
    const answer = await request(customer, 'consultation.open', {
      domain: 'travel',
      requestId: 'open-7f3a',
    });
    expect(answer).toMatchObject({ ok: true, consultation: { id: CONSULTATION_ID } });
    const [command] = gateway.handlers.of<OpenConsultationCommand>('OpenConsultation');
    expect(command.context.idempotencyKey).toBe('open-7f3a');
    expect(command.body).toEqual({ domain: 'travel' });
  });

  it('consultation.open with a malformed requestId is VALIDATION_FAILED and opens nothing', async () => {
    for (const requestId of ['has spaces', '', 'x'.repeat(129), 42]) {
      const answer = await request(customer, 'consultation.open', { domain: 'travel', requestId });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', errors: [{ field: 'requestId' }] },
      });
    }
    expect(gateway.handlers.of('OpenConsultation')).toEqual([]);
  });

  it('consultation.open still acks ok when the conversation is late: the open is durable', async () => {
    gateway.handlers.respond('GetConversation', () => {
      throw new DomainError('CONVERSATION_NOT_FOUND', 'No such conversation', 'not_found');
    });
    const answer = await request(customer, 'consultation.open', { domain: 'travel' });
    expect(answer).toMatchObject({ ok: true, consultation: { id: CONSULTATION_ID } });
    expect(gateway.handlers.of('OpenConsultation')).toHaveLength(1);
  });

  it('consultation.open from an agent is FORBIDDEN and opens nothing', async () => {
    const agent = await gateway.connect(AGENT, { deviceId: 'desk' });
    const answer = await request(agent, 'consultation.open', { domain: 'travel' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.any(String) },
    });
    expect(gateway.handlers.of('OpenConsultation')).toEqual([]);
  });

  it('consultation.rate passes the score and comment', async () => {
    const answer = await request(customer, 'consultation.rate', {
      consultationId: CONSULTATION_ID,
      score: 5,
      comment: 'Quick',
    });
    expect(answer).toEqual({ ok: true });
    const [command] = gateway.handlers.of<RateConsultationCommand>('RateConsultation');
    expect(command.consultationId).toBe(CONSULTATION_ID);
    expect(command.body).toEqual({ score: 5, comment: 'Quick' });
    expect(command.context.actor).toEqual(CUSTOMER);
  });
});
