import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeRefusalsContract } from './edge-services.refusals';
import { type EdgeChat, type EdgeWorld, refusal } from './edge-services.world';

export { type EdgeChat, type EdgeWorld, refusal };

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

    it('opens once per idempotency key: a repeat answers the same consultation', async () => {
      const customerId = world.id('cust');
      const body = { domain: 'travel', group: world.id('nobody') };
      const withKey = (key?: string) => ({
        ...world.caller(customerId, 'customer'),
        ...(key === undefined ? {} : { idempotencyKey: key }),
      });
      const key = world.id('open');
      const first = await world.edge.openConsultation(withKey(key), body);
      const again = await world.edge.openConsultation(withKey(key), body);
      expect(again).toEqual(first);
      const other = await world.edge.openConsultation(withKey(world.id('open')), body);
      const unkeyed = await world.edge.openConsultation(withKey(), body);
      expect(new Set([first.id, other.id, unkeyed.id]).size).toBe(3);
      const page = await world.edge.listConsultations(withKey(), { customerId });
      expect(page.items.map((item) => item.id).sort()).toEqual(
        [first.id, other.id, unkeyed.id].sort(),
      );
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

    edgeRefusalsContract({
      world: () => world,
      chat: () => chat,
      customer,
      agent,
      stranger,
      text,
    });
  });
}
