import { describeError, type ErrorPayload, type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EdgeCaller, type EdgeServices } from '../src/edge/edge-services.port';

/** A consultation in progress: the customer and the agent both members of its conversation. */
export interface EdgeChat {
  readonly customerId: string;
  readonly agentId: string;
  readonly consultationId: string;
  readonly conversationId: string;
}

/**
 * What the contract needs around an adapter: a running Switchboard whose contexts the adapter
 * reaches, and a few steps it takes outside the port (the REST API the agent side uses).
 */
export interface EdgeWorld {
  readonly edge: EdgeServices;
  /** A caller acting as `userId` (with a valid token for the HTTP adapter). */
  caller(userId: string, role: Role): EdgeCaller;
  /** A fresh id with a readable prefix. */
  id(prefix: string): string;
  /** A customer's consultation, assigned to and accepted by an online agent. */
  chat(): Promise<EdgeChat>;
  /** Its agent resolves the consultation (so that it may be rated). */
  resolve(chat: EdgeChat): Promise<void>;
  /** The correlation ids stored with a stream's events, oldest first. */
  correlationIds(streamId: string): Promise<(string | undefined)[]>;
  dispose(): Promise<void>;
}

/** The `{code, message}` an ack would carry for what `call` rejected with. */
export async function refusal(call: Promise<unknown>): Promise<ErrorPayload> {
  try {
    await call;
  } catch (error) {
    return describeError(error).payload;
  }
  throw new Error('expected a refusal, the call succeeded');
}

/**
 * ONE suite for every EdgeServices adapter (DESIGN: a contract suite per port): the same calls
 * answer the same results, and every refusal the same `{code, message}`, whichever adapter the
 * gateway runs with.
 */
export function edgeServicesContract(name: string, start: () => Promise<EdgeWorld>): void {
  describe(`EdgeServices contract: ${name}`, () => {
    let world: EdgeWorld;
    let chat: EdgeChat;

    beforeAll(async () => {
      world = await start();
      chat = await world.chat();
    }, 60_000);

    afterAll(async () => {
      await world?.dispose();
    });

    const customer = () => world.caller(chat.customerId, 'customer');
    const agent = () => world.caller(chat.agentId, 'agent');
    const stranger = () => world.caller(world.id('stranger'), 'customer');
    const text = (body: string) => ({
      clientMsgId: randomUUID(),
      type: 'text' as const,
      text: body,
    });

    it('sends as the caller once durable, and a repeated clientMsgId answers the same message', async () => {
      const body = text('hello');
      const first = await world.edge.postMessage(customer(), chat.conversationId, body);
      expect(first).toMatchObject({
        conversationId: chat.conversationId,
        senderId: chat.customerId,
        senderRole: 'customer',
        clientMsgId: body.clientMsgId,
        type: 'text',
        text: 'hello',
      });
      expect(first.seq).toBeGreaterThan(0);
      const again = await world.edge.postMessage(customer(), chat.conversationId, body);
      expect(again).toEqual(first);
      const { messages } = await world.edge.syncMessages(agent(), [
        { conversationId: chat.conversationId, afterSeq: first.seq - 1 },
      ]);
      expect(messages.filter((message) => message.clientMsgId === body.clientMsgId)).toHaveLength(
        1,
      );
    });

    it("stores the caller's correlation id with the events it causes", async () => {
      const caller = customer();
      await world.edge.postMessage(caller, chat.conversationId, text('traced'));
      const ids = await world.correlationIds(`conversation-${chat.conversationId}`);
      expect(ids).toContain(caller.correlationId);
    });

    it('syncs everything after a cursor in seq order, and says when a limit cut it short', async () => {
      const a = await world.edge.postMessage(agent(), chat.conversationId, text('one'));
      const b = await world.edge.postMessage(customer(), chat.conversationId, text('two'));
      const all = await world.edge.syncMessages(customer(), [
        { conversationId: chat.conversationId, afterSeq: a.seq - 1 },
      ]);
      expect(all.messages.map((message) => message.id)).toEqual([a.id, b.id]);
      expect(all.more).toBe(false);
      const cut = await world.edge.syncMessages(
        customer(),
        [{ conversationId: chat.conversationId, afterSeq: a.seq - 1 }],
        { limit: 1 },
      );
      expect(cut.messages.map((message) => message.id)).toEqual([a.id]);
      expect(cut.more).toBe(true);
    });

    it("moves one device's read cursor, never back", async () => {
      const sent = await world.edge.postMessage(agent(), chat.conversationId, text('read me'));
      const read = await world.edge.markRead(customer(), chat.conversationId, 'phone', sent.seq);
      expect(read).toEqual({ conversationId: chat.conversationId, seq: sent.seq });
      const back = await world.edge.markRead(customer(), chat.conversationId, 'phone', 0);
      expect(back).toEqual({ conversationId: chat.conversationId, seq: sent.seq });
    });

    it('answers the members and domain of a conversation (what typing fans out to)', async () => {
      const conversation = await world.edge.getConversation(customer(), chat.conversationId);
      expect(conversation).toMatchObject({
        id: chat.conversationId,
        kind: 'consultation',
        domain: 'travel',
        consultationId: chat.consultationId,
      });
      expect(conversation.members.map((member) => member.userId).sort()).toEqual(
        [chat.agentId, chat.customerId].sort(),
      );
    });

    it('opens a consultation for a customer, whose conversation can be waited for', async () => {
      const caller = world.caller(world.id('cust'), 'customer');
      const opened = await world.edge.openConsultation(caller, {
        domain: 'travel',
        group: world.id('nobody'),
        subject: 'Lost luggage',
      });
      expect(opened).toEqual({
        id: expect.any(String),
        conversationId: expect.any(String),
        state: 'pending',
      });
      const conversation = await world.edge.getConversation(caller, opened.conversationId, {
        waitMs: 5000,
      });
      expect(conversation.consultationId).toBe(opened.id);
      const view = await world.edge.getConsultation(caller, opened.id);
      expect(view).toMatchObject({ id: opened.id, state: 'pending', subject: 'Lost luggage' });
    });

    it('lists what the caller may see and gets one consultation', async () => {
      const page = await world.edge.listConsultations(customer(), {
        customerId: chat.customerId,
        limit: 200,
      });
      const mine = page.items.find((item) => item.id === chat.consultationId);
      expect(mine).toMatchObject({ customerId: chat.customerId, agentId: chat.agentId });
      expect(page.items.every((item) => item.customerId === chat.customerId)).toBe(true);
      // A customer only ever lists their own, whatever the filter says.
      const other = await world.edge.listConsultations(stranger(), {
        customerId: chat.customerId,
        limit: 200,
      });
      expect(other.items).toEqual([]);
      const one = await world.edge.getConsultation(agent(), chat.consultationId);
      expect(one).toMatchObject({ id: chat.consultationId, state: 'assigned', accepted: true });
    });

    it('rates a resolved consultation once, as its customer', async () => {
      const own = await world.chat();
      await world.resolve(own);
      const caller = world.caller(own.customerId, 'customer');
      const rated = await world.edge.rateConsultation(caller, own.consultationId, {
        score: 4,
        comment: 'quick',
      });
      expect(rated).toMatchObject({ id: own.consultationId, state: 'resolved' });
      const twice = await refusal(
        world.edge.rateConsultation(caller, own.consultationId, { score: 5 }),
      );
      expect(twice.code).toMatch(/RATED/);
    });

    describe('refusals carry the same code whichever adapter ran', () => {
      it('a non-member may not send, sync, read or see the conversation', async () => {
        const codes = await Promise.all([
          refusal(world.edge.postMessage(stranger(), chat.conversationId, text('hi'))),
          refusal(
            world.edge.syncMessages(stranger(), [
              { conversationId: chat.conversationId, afterSeq: 0 },
            ]),
          ),
          refusal(world.edge.markRead(stranger(), chat.conversationId, 'x', 0)),
          refusal(world.edge.getConversation(stranger(), chat.conversationId)),
        ]);
        // Writes say why (not a member); reads do not tell a stranger more than "forbidden".
        expect(codes.map((error) => error.code)).toEqual([
          'NOT_A_MEMBER',
          'CONVERSATION_FORBIDDEN',
          'NOT_A_MEMBER',
          'CONVERSATION_FORBIDDEN',
        ]);
      });

      it('an unknown conversation is CONVERSATION_NOT_FOUND', async () => {
        const unknown = world.id('conv');
        const codes = await Promise.all([
          refusal(world.edge.postMessage(customer(), unknown, text('hi'))),
          refusal(world.edge.getConversation(customer(), unknown)),
          refusal(world.edge.markRead(customer(), unknown, 'x', 0)),
        ]);
        expect(codes.map((error) => error.code)).toEqual([
          'CONVERSATION_NOT_FOUND',
          'CONVERSATION_NOT_FOUND',
          'CONVERSATION_NOT_FOUND',
        ]);
      });

      it('a payload the context refuses keeps the context code and changes nothing', async () => {
        const before = await world.edge.getConversation(customer(), chat.conversationId);
        const note = await refusal(
          world.edge.postMessage(customer(), chat.conversationId, {
            ...text('secret'),
            internal: true,
          }),
        );
        const attachment = await refusal(
          world.edge.postMessage(customer(), chat.conversationId, {
            clientMsgId: randomUUID(),
            type: 'image',
            attachmentId: randomUUID(),
          }),
        );
        const unread = await refusal(
          world.edge.markRead(customer(), chat.conversationId, 'phone', before.lastSeq + 50),
        );
        expect([note.code, attachment.code, unread.code]).toEqual(REFUSED_PAYLOAD_CODES);
        const after = await world.edge.getConversation(customer(), chat.conversationId);
        expect(after.lastSeq).toBe(before.lastSeq);
      });

      it('only customers open and rate; someone else’s consultation is not theirs', async () => {
        const opened = await refusal(world.edge.openConsultation(agent(), { domain: 'travel' }));
        expect(opened).toEqual({
          code: 'FORBIDDEN',
          message: 'This requires one of the roles: customer',
        });
        const rated = await refusal(
          world.edge.rateConsultation(agent(), chat.consultationId, { score: 3 }),
        );
        expect(rated.code).toBe('FORBIDDEN');
        const notMine = await refusal(
          world.edge.rateConsultation(stranger(), chat.consultationId, { score: 3 }),
        );
        const unseen = await refusal(world.edge.getConsultation(stranger(), chat.consultationId));
        const unknown = await refusal(world.edge.getConsultation(customer(), randomUUID()));
        expect([notMine.code, unseen.code, unknown.code]).toEqual([
          'CONSULTATION_FORBIDDEN',
          'CONSULTATION_FORBIDDEN',
          'CONSULTATION_NOT_FOUND',
        ]);
      });
    });
  });
}

/** What the messaging context answers for an internal note by a customer, an unknown upload, and a read past the last seq. */
const REFUSED_PAYLOAD_CODES = ['INTERNAL_NOTE_FORBIDDEN', 'ATTACHMENT_INVALID', 'READ_SEQ_INVALID'];
