import type { BenchFigure } from '../bench.report';
import { type LoadStats, summarize } from '../../scripts/load/load.report';

export {
  mergeStats,
  summarize,
  type LatencySummary,
  type LoadStats,
} from '../../scripts/load/load.report';

/** Environment override of a scenario's default size (for quick runs while developing). */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : fallback;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** p99 send → peer receive of a load window, with the spread and the delivered rate. */
export function latencyFigure(stats: LoadStats, offeredRate: number): BenchFigure {
  const s = summarize(stats.latenciesMs);
  return {
    value: round(s.p99),
    unit: 'ms (p99)',
    p50Ms: round(s.p50),
    p90Ms: round(s.p90),
    p999Ms: round(s.p999),
    maxMs: round(s.max),
    offeredRate,
    deliveredRate: Math.round(stats.delivered / stats.seconds),
    sent: stats.sent,
    delivered: stats.delivered,
    errors: stats.errors,
  };
}
