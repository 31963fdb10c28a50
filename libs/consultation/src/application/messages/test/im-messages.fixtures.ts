import { type Bus } from '@switchboard/bus';
import {
  type Envelope,
  envelopeHeaders,
  type MessagePostedData,
  serializeEnvelope,
  TOPICS,
} from '@switchboard/contracts';
import { handleCommand } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { randomUUID } from 'node:crypto';
import {
  type ConsultationCommand,
  consultationDecider,
  consultationStream,
  DEFAULT_CONSULTATION_POLICY,
} from '../../../domain';

export const decider = consultationDecider(DEFAULT_CONSULTATION_POLICY);

/** A consultation's MessagePosted as the messaging context would publish it. */
export function posted(
  consultationId: string,
  seq: number,
  overrides: Partial<MessagePostedData> = {},
): MessagePostedData {
  return {
    conversationId: `conv-${consultationId}`,
    messageId: randomUUID(),
    seq,
    senderId: `cust-${consultationId}`,
    senderRole: 'customer',
    clientMsgId: randomUUID(),
    type: 'text',
    text: 'hello',
    attachment: null,
    internal: false,
    kind: 'consultation',
    domain: 'travel',
    consultationId,
    recipients: [],
    masked: false,
    createdAt: '2026-03-02T09:01:00.000Z',
    ...overrides,
  };
}

export function envelopeOf(data: MessagePostedData, id: string = randomUUID()): Envelope {
  return {
    id,
    type: 'MessagePosted',
    version: 1,
    streamId: `conversation-${data.conversationId}`,
    revision: data.seq - 1,
    position: data.seq,
    occurredAt: data.createdAt,
    correlationId: id,
    causationId: id,
    data,
  };
}

export async function publish(bus: Bus, envelope: Envelope): Promise<void> {
  const data = envelope.data as MessagePostedData;
  await bus.publish({
    topic: TOPICS.imMessages,
    key: data.conversationId,
    value: serializeEnvelope(envelope),
    headers: envelopeHeaders(envelope),
  });
}

let n = 0;

export function consultationCommand(
  store: EventStore,
  consultationId: string,
  partial: Omit<ConsultationCommand, 'metadata'>,
  now = '2026-03-02T09:00:00.000Z',
) {
  const command = {
    ...partial,
    metadata: { commandId: `fixture-${++n}`, now: new Date(now) },
  } as ConsultationCommand;
  return handleCommand(store, consultationStream(consultationId), decider, command);
}

/** Opened, assigned to `agentId` and accepted. */
export async function acceptedConsultation(
  store: EventStore,
  consultationId: string,
  agentId = 'ada',
): Promise<void> {
  await consultationCommand(store, consultationId, {
    type: 'open',
    data: {
      consultationId,
      customerId: `cust-${consultationId}`,
      domain: 'travel',
      conversationId: `conv-${consultationId}`,
    },
  });
  await consultationCommand(store, consultationId, {
    type: 'assign',
    data: { agentId, reason: { strategy: 'manual', candidates: [], winner: agentId } },
  });
  await consultationCommand(store, consultationId, { type: 'accept', data: { agentId } });
}

export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
