import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type EdgeCaller, type EdgeMessageBody } from '../src/edge/edge-services.port';
import { type EdgeChat, type EdgeWorld, refusal } from './edge-services.world';

/** The contract suite's running world, read when a test runs (after its beforeAll). */
export interface RefusalContext {
  world(): EdgeWorld;
  chat(): EdgeChat;
  customer(): EdgeCaller;
  agent(): EdgeCaller;
  stranger(): EdgeCaller;
  text(body: string): EdgeMessageBody;
}

/** What the messaging context answers for an internal note by a customer, an unknown upload, and a read past the last seq. */
const REFUSED_PAYLOAD_CODES = ['INTERNAL_NOTE_FORBIDDEN', 'ATTACHMENT_INVALID', 'READ_SEQ_INVALID'];

/** The refusal half of the EdgeServices contract (edge-services.contract.ts runs it). */
export function edgeRefusalsContract(context: RefusalContext): void {
  const { customer, agent, stranger, text, chat } = context;
  const edge = () => context.world().edge;
  describe('refusals carry the same code whichever adapter ran', () => {
    it('a non-member may not send, sync, read or see the conversation', async () => {
      const codes = await Promise.all([
        refusal(edge().postMessage(stranger(), chat().conversationId, text('hi'))),
        refusal(
          edge().syncMessages(stranger(), [{ conversationId: chat().conversationId, afterSeq: 0 }]),
        ),
        refusal(edge().markRead(stranger(), chat().conversationId, 'x', 0)),
        refusal(edge().getConversation(stranger(), chat().conversationId)),
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
      const unknown = context.world().id('conv');
      const codes = await Promise.all([
        refusal(edge().postMessage(customer(), unknown, text('hi'))),
        refusal(edge().getConversation(customer(), unknown)),
        refusal(edge().markRead(customer(), unknown, 'x', 0)),
      ]);
      expect(codes.map((error) => error.code)).toEqual([
        'CONVERSATION_NOT_FOUND',
        'CONVERSATION_NOT_FOUND',
        'CONVERSATION_NOT_FOUND',
      ]);
    });

    it('a payload the context refuses keeps the context code and changes nothing', async () => {
      const before = await edge().getConversation(customer(), chat().conversationId);
      const note = await refusal(
        edge().postMessage(customer(), chat().conversationId, {
          ...text('secret'),
          internal: true,
        }),
      );
      const attachment = await refusal(
        edge().postMessage(customer(), chat().conversationId, {
          clientMsgId: randomUUID(),
          type: 'image',
          attachmentId: randomUUID(),
        }),
      );
      const unread = await refusal(
        edge().markRead(customer(), chat().conversationId, 'phone', before.lastSeq + 50),
      );
      expect([note.code, attachment.code, unread.code]).toEqual(REFUSED_PAYLOAD_CODES);
      const after = await edge().getConversation(customer(), chat().conversationId);
      expect(after.lastSeq).toBe(before.lastSeq);
    });

    it('only customers open and rate; someone else’s consultation is not theirs', async () => {
      const opened = await refusal(edge().openConsultation(agent(), { domain: 'travel' }));
      expect(opened).toEqual({
        code: 'FORBIDDEN',
        message: 'This requires one of the roles: customer',
      });
      const rated = await refusal(
        edge().rateConsultation(agent(), chat().consultationId, { score: 3 }),
      );
      expect(rated.code).toBe('FORBIDDEN');
      const notMine = await refusal(
        edge().rateConsultation(stranger(), chat().consultationId, { score: 3 }),
      );
      const unseen = await refusal(edge().getConsultation(stranger(), chat().consultationId));
      const unknown = await refusal(edge().getConsultation(customer(), randomUUID()));
      expect([notMine.code, unseen.code, unknown.code]).toEqual([
        'CONSULTATION_FORBIDDEN',
        'CONSULTATION_FORBIDDEN',
        'CONSULTATION_NOT_FOUND',
      ]);
    });
  });
}
