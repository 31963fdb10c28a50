import { type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_ID } from './support/fake-handlers';
import { seededRandom as seeded } from '@switchboard/testing';
import { CLIENT_EVENTS, junk, malformedArgs } from './support/fuzz.generator';
import {
  type AckAnswer,
  CUSTOMER,
  type GatewayHarness,
  request,
  startGateway,
} from './support/gateway.harness';

const CASES = 1200;
const BATCH = 40;
const SEED = 20_261_204;

function emitWithAck(client: ClientSocket, event: string, args: unknown[]): Promise<AckAnswer> {
  return new Promise((resolve, reject) => {
    client
      .timeout(15_000)
      .emit(event, ...args, (error: Error | null, answer: AckAnswer) =>
        error ? reject(error) : resolve(answer),
      );
  });
}

/** What the events asked the fake handlers for (the presence lookup on connect aside). */
const handlerCalls = (gateway: GatewayHarness) =>
  gateway.handlers.calls.filter((call) => call.name !== 'ListConsultations');

describe('SwitchboardGateway fuzz: malformed payloads on every client event', () => {
  let gateway: GatewayHarness;
  let client: ClientSocket;

  beforeAll(async () => {
    gateway = await startGateway({ rateLimitPerSecond: 1_000_000 });
    client = await gateway.connect(CUSTOMER);
  });

  afterAll(async () => {
    await gateway.close();
  });

  it(`answers ${CASES} malformed emits with {ok: false, error: {code}}, calls no handler, and still serves`, async () => {
    const random = seeded(SEED);
    const answers: { event: string; answer: AckAnswer }[] = [];
    let withoutAck = 0;
    for (let start = 0; start < CASES; start += BATCH) {
      const batch: Promise<void>[] = [];
      for (let i = start; i < Math.min(CASES, start + BATCH); i++) {
        const unknownEvent = random() < 0.05;
        const event = unknownEvent
          ? `evt.${Math.floor(random() * 1e6)}`
          : CLIENT_EVENTS[Math.floor(random() * CLIENT_EVENTS.length)];
        const args = unknownEvent ? [junk(random)] : malformedArgs(random, event);
        if (random() < 0.1) {
          // Nobody to answer: dropped, and it must not reach a handler either.
          withoutAck += 1;
          client.emit(event, ...args);
          continue;
        }
        batch.push(
          emitWithAck(client, event, args).then((answer) => void answers.push({ event, answer })),
        );
      }
      await Promise.all(batch);
    }

    expect(answers.length + withoutAck).toBe(CASES);
    expect(answers.length).toBeGreaterThanOrEqual(1000);
    const wrong = answers.filter(
      ({ answer }) => answer.ok !== false || typeof answer.error?.code !== 'string',
    );
    expect(wrong.slice(0, 3)).toEqual([]);
    const codes = new Set(answers.map(({ answer }) => answer.error.code));
    expect([...codes].sort()).toEqual(['UNKNOWN_EVENT', 'VALIDATION_FAILED']);

    // A valid event afterwards is served on the same socket: nothing crashed or disconnected.
    const answer = await request(client, 'conversation.read', {
      conversationId: CONVERSATION_ID,
      seq: 3,
    });
    expect(answer).toEqual({ ok: true, seq: 3 });
    expect(client.connected).toBe(true);
    // The only handler call is the valid one: no malformed payload ever reached a handler.
    expect(handlerCalls(gateway).map((call) => call.name)).toEqual(['MarkRead']);
  });
});
