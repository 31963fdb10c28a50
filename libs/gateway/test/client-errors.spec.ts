import { DomainError } from '@switchboard/es-core';
import { type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSULTATION_ID, CONVERSATION_ID } from './support/fake-handlers';
import { CUSTOMER, type GatewayHarness, request, startGateway } from './support/gateway.harness';

/** What the events asked for; the presence lookup on connect is not one of them. */
const requests = (gateway: GatewayHarness): string[] =>
  gateway.handlers.calls.map((call) => call.name).filter((name) => name !== 'ListConsultations');

describe('SwitchboardGateway error acks', () => {
  let gateway: GatewayHarness;
  let customer: ClientSocket;

  beforeEach(async () => {
    gateway = await startGateway({ rateLimitPerSecond: 5 });
    customer = await gateway.connect(CUSTOMER, { deviceId: 'phone-1' });
  });

  afterEach(async () => {
    await gateway.close();
  });

  it('answers a DomainError from a handler with its code and message', async () => {
    gateway.handlers.respond('RateConsultation', () => {
      throw new DomainError(
        'CONSULTATION_NOT_RESOLVED',
        'Rate it once it is resolved',
        'invalid_state',
      );
    });
    const answer = await request(customer, 'consultation.rate', {
      consultationId: CONSULTATION_ID,
      score: 3,
    });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'CONSULTATION_NOT_RESOLVED', message: 'Rate it once it is resolved' },
    });
  });

  it('answers an unexpected error with INTERNAL and no internals', async () => {
    gateway.handlers.respond('PostMessage', () => {
      throw new Error('db password is hunter2');
    });
    const answer = await request(customer, 'message.send', {
      conversationId: CONVERSATION_ID,
      clientMsgId: 'c-2',
      type: 'text',
      text: 'x',
    });
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(await request(customer, 'conversation.read', { conversationId: 'c', seq: 0 })).toEqual({
      ok: true,
      seq: 0,
    });
  });

  it('answers VALIDATION_FAILED with field errors and calls no handler', async () => {
    const answer = await request(customer, 'consultation.rate', {
      consultationId: CONSULTATION_ID,
      score: '5',
      extra: true,
    });
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('VALIDATION_FAILED');
    expect(answer.error.errors!.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'score',
    ]);
    expect(requests(gateway)).toEqual([]);
  });

  it('answers an unknown event with UNKNOWN_EVENT', async () => {
    const answer = await request(customer, 'message.delete', { id: 'm-1' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_EVENT', message: 'Unknown event: message.delete' },
    });
  });

  it('answers RATE_LIMITED over the per-socket rate and keeps the socket', async () => {
    // This file's gateway admits 5 events a second per socket.
    const client = customer;
    const payload = { conversationId: CONVERSATION_ID, seq: 1 };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => request(client, 'conversation.read', payload)),
    );
    const codes = answers.map((answer) => (answer.ok ? 'ok' : answer.error.code));
    expect(codes.filter((code) => code === 'ok').length).toBeLessThanOrEqual(6);
    expect(codes).toContain('RATE_LIMITED');
    expect(gateway.handlers.of('MarkRead').length).toBe(codes.filter((c) => c === 'ok').length);
    expect(client.connected).toBe(true);
  });
});
