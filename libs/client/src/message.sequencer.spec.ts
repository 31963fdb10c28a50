import { describe, expect, it } from 'vitest';
import type { MessageView } from './client.types';
import { MessageSequencer } from './message.sequencer';

const message = (seq: number, conversationId = 'c1'): MessageView => ({
  id: `${conversationId}-${seq}`,
  conversationId,
  seq,
  senderId: 'u1',
  senderRole: 'customer',
  clientMsgId: `k${seq}`,
  type: 'text',
  text: `m${seq}`,
  internal: false,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const seqs = (messages: readonly MessageView[]) => messages.map((m) => m.seq);

describe('MessageSequencer', () => {
  it('delivers contiguous live messages at once', () => {
    const sequencer = new MessageSequencer();
    expect(seqs(sequencer.acceptLive(message(1)))).toEqual([1]);
    expect(seqs(sequencer.acceptLive(message(2)))).toEqual([2]);
    expect(sequencer.cursors()).toEqual([{ conversationId: 'c1', afterSeq: 2 }]);
  });

  it('drops duplicates, delivered or still buffered', () => {
    const sequencer = new MessageSequencer();
    sequencer.acceptLive(message(1));
    expect(sequencer.acceptLive(message(1))).toEqual([]);
    sequencer.acceptLive(message(3));
    expect(sequencer.acceptLive(message(3))).toEqual([]);
  });

  it('buffers past a gap and releases in order once it is filled', () => {
    const sequencer = new MessageSequencer();
    sequencer.acceptLive(message(1));
    expect(sequencer.acceptLive(message(3))).toEqual([]);
    expect(sequencer.acceptLive(message(4))).toEqual([]);
    expect(sequencer.hasGap('c1')).toBe(true);
    expect(seqs(sequencer.acceptLive(message(2)))).toEqual([2, 3, 4]);
    expect(sequencer.hasGap('c1')).toBe(false);
  });

  it('trusts a sync answer over its seq gaps (seqs hidden from this reader)', () => {
    const sequencer = new MessageSequencer({ c1: 4 });
    sequencer.acceptLive(message(7));
    expect(seqs(sequencer.acceptSynced([message(4), message(6), message(7), message(8)]))).toEqual([
      6, 7, 8,
    ]);
    expect(sequencer.hasGap('c1')).toBe(false);
    expect(sequencer.cursor('c1')).toBe(8);
  });

  it('after a sync, drains buffered messages that became contiguous', () => {
    const sequencer = new MessageSequencer();
    sequencer.acceptLive(message(3));
    sequencer.acceptLive(message(4));
    expect(seqs(sequencer.acceptSynced([message(1), message(2)]))).toEqual([1, 2, 3, 4]);
  });

  it('keeps conversations independent and resumes from initial cursors', () => {
    const sequencer = new MessageSequencer({ c1: 10 });
    expect(sequencer.acceptLive(message(10))).toEqual([]);
    expect(seqs(sequencer.acceptLive(message(1, 'c2')))).toEqual([1]);
    expect(seqs(sequencer.acceptLive(message(11)))).toEqual([11]);
  });

  it('release gives up on missing seqs and delivers what waits, in order', () => {
    const sequencer = new MessageSequencer();
    sequencer.acceptLive(message(5));
    sequencer.acceptLive(message(3));
    expect(seqs(sequencer.release('c1'))).toEqual([3, 5]);
    expect(sequencer.cursor('c1')).toBe(5);
  });
});
