import { describe, expect, it } from 'vitest';
import {
  allDelivered,
  latencyReport,
  percentile,
  type SentMessage,
  verdictOf,
} from './delivery.check';
import type { Device, Receipt } from './load.fleet';

const device = (label: string, received: Receipt[], connectedAt = 0) =>
  ({ label, received, connectedAt }) as unknown as Device;
const got = (id: string, seq: number, at = 0, conversationId = 'c1'): Receipt => ({
  id,
  conversationId,
  seq,
  at,
});

describe('the load test verdict', () => {
  const sentTo = new Map([['c1', ['m1', 'm2', 'm3']]]);

  it('finds nothing wrong when every message came once in seq order', () => {
    const d = device('a', [got('m1', 1), got('m2', 2), got('m3', 3)]);
    expect(verdictOf(d, ['c1'], sentTo)).toEqual({ missing: 0, duplicated: 0, outOfOrder: 0 });
    expect(allDelivered(new Map([[d, ['c1']]]), sentTo)).toBe(true);
  });

  it('counts a missing message, and the device is not done', () => {
    const d = device('a', [got('m1', 1), got('m3', 3)]);
    expect(verdictOf(d, ['c1'], sentTo).missing).toBe(1);
    expect(allDelivered(new Map([[d, ['c1']]]), sentTo)).toBe(false);
  });

  it('counts a duplicate (also as out of order: its seq does not go up)', () => {
    const d = device('a', [got('m1', 1), got('m2', 2), got('m2', 2), got('m3', 3)]);
    expect(verdictOf(d, ['c1'], sentTo)).toEqual({ missing: 0, duplicated: 1, outOfOrder: 1 });
  });

  it('counts a message handed over after a later seq of its conversation', () => {
    const d = device('a', [got('m2', 2), got('m1', 1), got('m3', 3)]);
    expect(verdictOf(d, ['c1'], sentTo).outOfOrder).toBe(1);
  });

  it('keeps the order per conversation, not across conversations', () => {
    const d = device('a', [got('x5', 5, 0, 'c2'), got('m1', 1), got('m2', 2), got('m3', 3)]);
    expect(verdictOf(d, ['c1'], sentTo).outOfOrder).toBe(0);
  });
});

describe('percentile and the latency report', () => {
  it('answers the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("leaves out the sender's own device and history a late device synced", () => {
    const sender = device('s', []);
    const early = device('early', [got('m1', 1, 150), got('m2', 2, 1_040)]);
    const late = device('late', [got('m1', 1, 2_000), got('m2', 2, 2_010)], 500);
    const sent = new Map<string, SentMessage>([
      ['m1', { conversationId: 'c1', seq: 1, sentAt: 100, ackedAt: 110, sender }],
      ['m2', { conversationId: 'c1', seq: 2, sentAt: 1_000, ackedAt: 1_010, sender }],
    ]);
    const follows = new Map([
      [sender, ['c1']],
      [early, ['c1']],
      [late, ['c1']],
    ]);
    const report = latencyReport(follows, sent, 0, 500);
    // early: 50 and 40; late: only m2 (sent after it connected), 1010.
    expect(report.samples).toBe(3);
    expect(report.p50).toBe(50);
    expect(report.max).toBe(1_010);
    expect(report.beforeTheKill).toEqual({ p50: 50, p99: 50 });
  });
});
