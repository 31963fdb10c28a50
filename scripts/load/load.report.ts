/** Latencies and counts of one measured window. */
export interface LoadStats {
  /** One entry per delivered message: send to the peer's `message.new`, in ms. */
  readonly latenciesMs: number[];
  readonly sent: number;
  readonly delivered: number;
  readonly seconds: number;
  /** Failed sends by error code (`TIMEOUT` when no ack came). */
  readonly errors: Readonly<Record<string, number>>;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** Nearest-rank percentile of an ascending array (`p` in 0..1); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(latenciesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    p50: percentile(list, 0.5),
    p90: percentile(list, 0.9),
    p99: percentile(list, 0.99),
    p999: percentile(list, 0.999),
    max: list.length === 0 ? Number.NaN : list[list.length - 1]!,
  };
}

/** Merges the stats of several generators measured over the same window. */
export function mergeStats(parts: readonly LoadStats[]): LoadStats {
  const errors: Record<string, number> = {};
  for (const part of parts)
    for (const [code, n] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + n;
  return {
    latenciesMs: parts.flatMap((part) => part.latenciesMs),
    sent: parts.reduce((sum, part) => sum + part.sent, 0),
    delivered: parts.reduce((sum, part) => sum + part.delivered, 0),
    seconds: Math.max(0, ...parts.map((part) => part.seconds)),
    errors,
  };
}

/** `[#####.....]  50%  label`, one line, to redraw with `\r`. */
export function progressBar(fraction: number, width: number, label: string): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(clamped * width);
  const percent = `${Math.round(clamped * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}  ${label}`;
}

const BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000];

/** Counts per latency bucket (upper bounds in ms; the last bucket is open). */
export function histogram(latenciesMs: readonly number[]): { label: string; count: number }[] {
  const counts = new Array<number>(BUCKETS_MS.length + 1).fill(0);
  for (const ms of latenciesMs) {
    const index = BUCKETS_MS.findIndex((bound) => ms <= bound);
    counts[index === -1 ? BUCKETS_MS.length : index]! += 1;
  }
  return counts.map((count, i) => ({
    label: i < BUCKETS_MS.length ? `≤ ${BUCKETS_MS[i]} ms` : `> ${BUCKETS_MS.at(-1)} ms`,
    count,
  }));
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : `${value.toFixed(1)} ms`);

/** The final report `npm run load` prints. */
export function formatReport(stats: LoadStats): string {
  const summary = summarize(stats.latenciesMs);
  const rate = stats.seconds > 0 ? stats.delivered / stats.seconds : 0;
  const lines = [
    `messages: ${stats.sent} sent, ${stats.delivered} delivered in ${stats.seconds.toFixed(1)} s ` +
      `(${Math.round(rate)} msgs/s delivered)`,
    `latency (send -> peer's message.new): p50 ${ms(summary.p50)}  p90 ${ms(summary.p90)}  ` +
      `p99 ${ms(summary.p99)}  p999 ${ms(summary.p999)}  max ${ms(summary.max)}`,
  ];
  const buckets = histogram(stats.latenciesMs);
  const top = Math.max(1, ...buckets.map((b) => b.count));
  const lastUsed = buckets.findLastIndex((b) => b.count > 0);
  for (const bucket of buckets.slice(0, lastUsed + 1)) {
    const bar = '#'.repeat(Math.round((bucket.count / top) * 40));
    lines.push(`  ${bucket.label.padStart(10)} ${String(bucket.count).padStart(8)} ${bar}`);
  }
  const errorCodes = Object.entries(stats.errors).filter(([, n]) => n > 0);
  lines.push(
    errorCodes.length === 0
      ? 'errors: none'
      : `errors: ${errorCodes.map(([code, n]) => `${code} ×${n}`).join(', ')}`,
  );
  return lines.join('\n');
}
