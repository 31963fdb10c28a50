import { performance } from 'node:perf_hooks';

/**
 * How fast this host runs allocation-heavy JavaScript right now: JSON of 1,000 objects shaped
 * like routing reasons (50 candidates in columns each), best of 5 rounds, in ms. The code and
 * data never change, so the figure moves only with the host: on the shared 2-vCPU machine it
 * doubled within an hour (7 → 15 ms) while a pure-arithmetic loop kept its time, and the routing
 * burst slowed by the same factor. Recorded next to latency figures so a run can be judged.
 */
export function hostProbeMs(): number {
  const payload = probePayload();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    let length = 0;
    for (const item of payload) length += JSON.stringify(item).length;
    const ms = performance.now() - started;
    if (length === 0) throw new Error('unreachable: keeps the work observable');
    best = Math.min(best, ms);
  }
  return Number(best.toFixed(2));
}

function probePayload(): object[] {
  const column = <T>(f: (i: number) => T): T[] => {
    const out: T[] = [];
    for (let i = 0; i < 50; i++) out.push(f(i));
    return out;
  };
  const agentId = column((i) => `agent${i}`);
  const capacity = column(() => 20);
  const eligible = column(() => true);
  return Array.from({ length: 1_000 }, (_, k) => ({
    consultationId: `c${k}`,
    reason: {
      strategy: 'least-load',
      candidateColumns: {
        agentId,
        load: column((i) => (i + k) % 20),
        capacity,
        score: column((i) => (20 - ((i + k) % 20)) / 20),
        eligible,
      },
    },
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, k % 60)).toISOString(),
  }));
}
