import { type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { expect } from 'vitest';
import { type Api, eventually, startApi } from '../consultations/consultations.fixture';

/** What a client emit is acked with (DESIGN: public contracts v1). */
export interface Ack {
  readonly ok: boolean;
  readonly error?: { readonly code: string; readonly message: string };
  readonly [key: string]: unknown;
}

export interface Message {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly senderId: string;
  readonly senderRole: string;
  readonly type: string;
  readonly text?: string;
  readonly internal: boolean;
}

/** A connected device that records (and acks) every `message.new`. */
export interface Device {
  readonly socket: Socket;
  readonly received: Message[];
  emit(event: string, payload: unknown): Promise<Ack>;
  close(): void;
}

export interface DeviceOptions {
  readonly device?: 'web' | 'desktop' | 'ios' | 'android';
  readonly deviceId?: string;
  readonly transports?: ('websocket' | 'polling')[];
  /** Return false to leave a push unacked (the server must retry it). */
  readonly ackPush?: (message: Message) => boolean;
}

export function baseUrl(api: Api): string {
  return `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
}

export function token(api: Api, userId: string, role: Role): string {
  return api.bearer(userId, role).slice('Bearer '.length);
}

export async function connect(
  api: Api,
  userId: string,
  role: Role,
  options: DeviceOptions = {},
): Promise<Device> {
  const socket = io(baseUrl(api), {
    auth: {
      token: token(api, userId, role),
      device: options.device ?? 'web',
      deviceId: options.deviceId ?? randomUUID(),
    },
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: Message[] = [];
  socket.on('message.new', (message: Message, ack?: () => void) => {
    received.push(message);
    if (options.ackPush?.(message) ?? true) ack?.();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    received,
    emit: (event, payload) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack>,
    close: () => socket.disconnect(),
  };
}

export interface ConsultationChat {
  readonly api: Api;
  readonly customerId: string;
  readonly agentId: string;
  readonly consultationId: string;
  readonly conversationId: string;
}

/**
 * A customer opens a consultation over the socket in a group served by one online agent, and
 * the agent accepts: both are members of the consultation's conversation when this resolves.
 */
export async function consultationChat(api: Api, customer: Device, customerId: string) {
  const group = api.id('team');
  const agentId = await api.onlineAgent({ groups: [group], capacity: 5 });
  const opened = await customer.emit('consultation.open', { domain: 'travel', group });
  expect(opened.ok).toBe(true);
  const consultation = opened.consultation as { id: string; conversationId: string };
  await eventually(async () => {
    const res = await request(api.server)
      .get(`/v1/consultations/${consultation.id}`)
      .set('Authorization', api.bearer(agentId, 'agent'));
    expect(res.body.state).toBe('assigned');
  });
  await request(api.server)
    .post(`/v1/consultations/${consultation.id}/accept`)
    .set('Authorization', api.bearer(agentId, 'agent'))
    .send({})
    .expect(200);
  // The agent joins the conversation when the assignment reaches the messaging context.
  await eventually(async () => {
    await request(api.server)
      .get(`/v1/conversations/${consultation.conversationId}`)
      .set('Authorization', api.bearer(agentId, 'agent'))
      .expect(200);
  });
  return {
    api,
    customerId,
    agentId,
    consultationId: consultation.id,
    conversationId: consultation.conversationId,
  } satisfies ConsultationChat;
}

/** Every message of a conversation, as `reader` may see it (REST history, all pages). */
export async function history(
  api: Api,
  conversationId: string,
  bearer: string,
): Promise<Message[]> {
  const all: Message[] = [];
  for (let after = 0; ;) {
    const res = await request(api.server)
      .get(`/v1/conversations/${conversationId}/messages?afterSeq=${after}&limit=200`)
      .set('Authorization', bearer)
      .expect(200);
    const page = res.body.messages as Message[];
    all.push(...page);
    if (!res.body.more || page.length === 0) return all;
    after = page[page.length - 1].seq;
  }
}

export function seqs(messages: readonly Message[]): number[] {
  return messages.map((message) => message.seq);
}

export { eventually, startApi, type Api };
