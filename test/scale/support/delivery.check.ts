import type { Device } from './load.fleet';

/** What the test sent: message id → conversation and the moment `send` was called. */
export interface SentMessage {
  readonly conversationId: string;
  readonly seq: number;
  readonly sentAt: number;
  readonly ackedAt: number;
  readonly sender: Device;
}

/** A device's view against what was sent to the conversations it follows. */
export interface DeviceVerdict {
  readonly missing: number;
  readonly duplicated: number;
  readonly outOfOrder: number;
}

/**
 * Every message sent to a conversation the device follows reached its `on('message')` once,
 * and per conversation the seqs it saw only go up (messages the test did not send, such as
 * a consultation's automatic replies, count for order and duplicates too).
 */
export function verdictOf(
  device: Device,
  follows: readonly string[],
  sentTo: ReadonlyMap<string, readonly string[]>,
): DeviceVerdict {
  const seen = new Map<string, number>();
  let duplicated = 0;
  let outOfOrder = 0;
  const lastSeq = new Map<string, number>();
  for (const r of device.received) {
    const count = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, count);
    if (count > 1) duplicated += 1;
    if (r.seq <= (lastSeq.get(r.conversationId) ?? 0)) outOfOrder += 1;
    lastSeq.set(r.conversationId, Math.max(r.seq, lastSeq.get(r.conversationId) ?? 0));
  }
  let missing = 0;
  for (const conversationId of follows) {
    for (const id of sentTo.get(conversationId) ?? []) if (!seen.has(id)) missing += 1;
  }
  return { missing, duplicated, outOfOrder };
}

/** True once every device holds every message sent to its conversations. */
export function allDelivered(
  follows: ReadonlyMap<Device, readonly string[]>,
  sentTo: ReadonlyMap<string, readonly string[]>,
): boolean {
  for (const [device, conversations] of follows) {
    if (verdictOf(device, conversations, sentTo).missing > 0) return false;
  }
  return true;
}

/** Nearest-rank percentile of `sorted` (ascending). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Send → receive latency at every device other than the sender's, for messages sent after
 * the device connected (a late device's history comes by sync, not live): overall, for the
 * messages sent before `calmUntil`, and the p50 of each 10 s window of send time.
 */
export function latencyReport(
  follows: ReadonlyMap<Device, readonly string[]>,
  sent: ReadonlyMap<string, SentMessage>,
  sendingAt: number,
  calmUntil: number,
) {
  const all: number[] = [];
  const calm: number[] = [];
  const byWindow = new Map<number, number[]>();
  for (const [device] of follows) {
    for (const r of device.received) {
      const message = sent.get(r.id);
      if (message === undefined || message.sender === device) continue;
      if (message.sentAt < device.connectedAt) continue;
      const ms = r.at - message.sentAt;
      all.push(ms);
      if (message.sentAt < calmUntil) calm.push(ms);
      const window = Math.floor((message.sentAt - sendingAt) / 10_000);
      byWindow.set(window, [...(byWindow.get(window) ?? []), ms]);
    }
  }
  const ascending = (values: number[]) => values.sort((a, b) => a - b);
  ascending(all);
  ascending(calm);
  return {
    samples: all.length,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all.at(-1),
    beforeTheKill: { p50: percentile(calm, 50), p99: percentile(calm, 99) },
    p50Per10s: [...byWindow.keys()]
      .sort((a, b) => a - b)
      .map((w) => percentile(ascending(byWindow.get(w)!), 50)),
  };
}
