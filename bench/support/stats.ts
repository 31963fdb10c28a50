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
