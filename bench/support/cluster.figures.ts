import { loadavg } from 'node:os';
import type { BenchFigure } from '../bench.report';
import type { ClusterStats } from './cluster.types';
import { latencyFigure, round, summarize } from './stats';

/** Merges the windows of several generators measured over the same time (call it as they end). */
export function mergeClusterStats(parts: readonly ClusterStats[]): ClusterStats {
  const errors: Record<string, number> = {};
  for (const part of parts)
    for (const [code, n] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + n;
  const gateways = Math.max(0, ...parts.map((p) => p.expectedByGateway.length));
  return {
    latenciesMs: parts.flatMap((p) => p.latenciesMs),
    ackMs: parts.flatMap((p) => p.ackMs),
    toCreatedMs: parts.flatMap((p) => p.toCreatedMs),
    createdToPeerMs: parts.flatMap((p) => p.createdToPeerMs),
    sent: parts.reduce((sum, p) => sum + p.sent, 0),
    delivered: parts.reduce((sum, p) => sum + p.delivered, 0),
    seconds: Math.max(0, ...parts.map((p) => p.seconds)),
    errors,
    loadAverage: round(loadavg()[0]!),
    expectedByGateway: Array.from({ length: gateways }, (_, g) =>
      parts.flatMap((p) => p.expectedByGateway[g] ?? []),
    ),
  };
}

const percentiles = (values: readonly number[]) => {
  const s = summarize(values);
  return { p50: round(s.p50), p99: round(s.p99) };
};

/** p99 send → peer receive, with the spread, the throughput and the per-hop split. */
export function clusterLatencyFigure(stats: ClusterStats, offeredRate: number): BenchFigure {
  return {
    ...latencyFigure(stats, offeredRate),
    loadAverage: stats.loadAverage,
    hopsMs: {
      sendToAck: percentiles(stats.ackMs),
      sendToCreatedAt: percentiles(stats.toCreatedMs),
      createdAtToPeer: percentiles(stats.createdToPeerMs),
    },
  };
}

export function describeLatency(label: string, stats: ClusterStats): string {
  const s = summarize(stats.latenciesMs);
  const hop = (values: number[]) => {
    const h = percentiles(values);
    return `${h.p50}/${h.p99}`;
  };
  const errors = Object.entries(stats.errors).map(([code, n]) => `${code} ×${n}`);
  return (
    `${label}: ${Math.round(stats.delivered / stats.seconds)} msgs/s delivered, p50 ` +
    `${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} p999 ${s.p999.toFixed(1)} ms; hops p50/p99 ms: ` +
    `send→ack ${hop(stats.ackMs)}, send→createdAt ${hop(stats.toCreatedMs)}, ` +
    `createdAt→peer ${hop(stats.createdToPeerMs)}; errors ${errors.join(', ') || 'none'}`
  );
}

/** What one gateway was sent over the GatewayLink against what it should have been sent. */
export interface LinkCount {
  readonly gatewayId: string;
  /** Messages of the window with a member socket on this gateway. */
  readonly expected: number;
  /** Link entries for the window's messages (repeats included). */
  readonly got: number;
  /** Expected messages that never reached it. */
  readonly missing: number;
  /** Window messages sent to it with no member socket there (a broadcast shows here). */
  readonly unexpected: number;
  /** Its `message.new` socket emits over the whole run (first attempts, metric delta). */
  readonly socketEmits: number;
}

export function linkCounts(
  gatewayIds: readonly string[],
  stats: ClusterStats,
  tapped: (gatewayId: string) => string[],
  socketEmits: readonly number[],
): LinkCount[] {
  const windowIds = new Set(stats.expectedByGateway.flat());
  return gatewayIds.map((gatewayId, g) => {
    const expected = new Set(stats.expectedByGateway[g] ?? []);
    const got = tapped(gatewayId).filter((id) => windowIds.has(id));
    const gotSet = new Set(got);
    return {
      gatewayId,
      expected: expected.size,
      got: got.length,
      missing: [...expected].filter((id) => !gotSet.has(id)).length,
      unexpected: [...gotSet].filter((id) => !expected.has(id)).length,
      socketEmits: socketEmits[g] ?? 0,
    };
  });
}
