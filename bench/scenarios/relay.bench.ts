import { randomUUID } from 'node:crypto';
import { devTokens, pairUp, type ChatPair } from '../../scripts/load/load.setup';
import { formatRate, machineInfo, type BenchFigure, type BenchScenario } from '../bench.report';
import { startBareRelay, startSwitchboard, type ServerChild } from '../support/server.process';
import {
  envNumber,
  latencyFigure,
  mergeStats,
  round,
  sleep,
  summarize,
  type LoadStats,
} from '../support/stats';
import { devToken } from '../support/tokens';
import { WorkerHost } from '../support/worker.host';

/*
 * Customer<->agent pairs chatting over socket.io, through Switchboard (embedded SQLite, durable
 * appends, in-process bus) and through a bare socket.io relay written for the benchmark. Same
 * client code, payload and rate; the load comes from generator processes, never the server's.
 * Latency: a message's send to the PEER's `message.new`; every customer message is answered.
 */

const PAIRS = envNumber('BENCH_RELAY_PAIRS', 1_000); // 2,000 connected clients
const RATE = envNumber('BENCH_RELAY_RATE', 2_000); // messages/s, customers' and answers
/** An informative second rate, below Switchboard's saturation on the reference machine. */
const LOW_RATE = envNumber('BENCH_RELAY_LOW_RATE', 500);
const GENERATORS = envNumber('BENCH_RELAY_GENERATORS', 2);
const WARMUP_MS = envNumber('BENCH_RELAY_WARMUP_MS', 4_000);
const MEASURE_MS = envNumber('BENCH_RELAY_MEASURE_MS', 15_000);
const SATURATION_WINDOW = envNumber('BENCH_RELAY_WINDOW', 2); // round trips in flight per pair

interface Side {
  readonly atRate: LoadStats;
  readonly atLowRate: LoadStats;
  readonly saturated: LoadStats;
}

async function barePairs(count: number): Promise<ChatPair[]> {
  return Array.from({ length: count }, (_, i) => {
    const customerId = `bench-c-${i}`;
    const agentId = `bench-a-${i}`;
    return {
      customerId,
      customerToken: devToken(customerId, 'customer'),
      agentId,
      agentToken: devToken(agentId, 'agent'),
      consultationId: randomUUID(),
      conversationId: randomUUID(),
    };
  });
}

async function measure(
  server: ServerChild,
  pairs: ChatPair[],
  log: (line: string) => void,
): Promise<Side> {
  const workers = Array.from({ length: GENERATORS }, () => new WorkerHost('relay.worker.ts'));
  try {
    await Promise.all(
      workers.map((worker, w) =>
        worker.call('connect', {
          url: server.url,
          pairs: pairs.filter((_, i) => i % GENERATORS === w),
        }),
      ),
    );
    const run = async (plan: Record<string, unknown>): Promise<LoadStats> => {
      await Promise.all(workers.map((worker) => worker.call('start', { plan })));
      await sleep(WARMUP_MS);
      await Promise.all(workers.map((worker) => worker.call('window')));
      await sleep(MEASURE_MS);
      return mergeStats(await Promise.all(workers.map((worker) => worker.call<LoadStats>('stop'))));
    };
    // Every customer message is answered, so customers send half of RATE.
    const atRate = await run({ mode: 'rate', rate: RATE / 2 / GENERATORS });
    log(describe(`  ${RATE} msgs/s`, atRate));
    const atLowRate = await run({ mode: 'rate', rate: LOW_RATE / 2 / GENERATORS });
    log(describe(`  ${LOW_RATE} msgs/s`, atLowRate));
    const saturated = await run({ mode: 'closed', window: SATURATION_WINDOW });
    log(describe('  saturation', saturated));
    return { atRate, atLowRate, saturated };
  } finally {
    await Promise.all(workers.map((worker) => worker.call('close').catch(() => undefined)));
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

function describe(label: string, stats: LoadStats): string {
  const s = summarize(stats.latenciesMs);
  const errors = Object.entries(stats.errors).map(([code, n]) => `${code} ×${n}`);
  return (
    `${label}: ${formatRate(stats.delivered / stats.seconds)} msgs/s delivered, p50 ${s.p50.toFixed(1)} ` +
    `p99 ${s.p99.toFixed(1)} p999 ${s.p999.toFixed(1)} ms, errors ${errors.join(', ') || 'none'}`
  );
}

function throughputFigure(stats: LoadStats): BenchFigure {
  const s = summarize(stats.latenciesMs);
  return {
    value: Math.round(stats.delivered / stats.seconds),
    unit: 'msgs/s',
    delivered: stats.delivered,
    seconds: round(stats.seconds, 1),
    p50Ms: round(s.p50),
    p99Ms: round(s.p99),
    errors: stats.errors,
  };
}

export const relayScenario: BenchScenario = {
  name: 'relay',
  description: `${PAIRS} customer/agent pairs over socket.io: Switchboard vs a bare socket.io relay`,
  async run(log) {
    const cpuProfDir = process.env.BENCH_CPU_PROF;
    log(`bare socket.io relay (${PAIRS * 2} clients, ${GENERATORS} generator processes)`);
    const bareServer = await startBareRelay();
    let bare: Side;
    try {
      bare = await measure(bareServer, await barePairs(PAIRS), log);
    } finally {
      await bareServer.stop();
    }

    log(`Switchboard (embedded SQLite, in-process bus): opening ${PAIRS} consultations`);
    const server = await startSwitchboard({ cpuProfDir });
    let switchboard: Side;
    try {
      const pairs = await pairUp({
        url: server.url,
        customers: PAIRS,
        agents: PAIRS,
        domain: 'travel',
        tokens: devTokens(server.url),
      });
      switchboard = await measure(server, pairs, log);
    } finally {
      await server.stop();
    }

    const results = {
      throughput: throughputFigure(switchboard.saturated),
      latency_at_rate: latencyFigure(switchboard.atRate, RATE),
      latency_at_low_rate: latencyFigure(switchboard.atLowRate, LOW_RATE),
    };
    const baseline = {
      bare_throughput: throughputFigure(bare.saturated),
      bare_latency_at_rate: latencyFigure(bare.atRate, RATE),
      bare_latency_at_low_rate: latencyFigure(bare.atLowRate, LOW_RATE),
    };
    const ratio = {
      throughput: round(results.throughput.value / baseline.bare_throughput.value),
      p99: round(results.latency_at_rate.value / baseline.bare_latency_at_rate.value),
      p99_low_rate: round(
        results.latency_at_low_rate.value / baseline.bare_latency_at_low_rate.value,
      ),
    };
    log(`ratios: throughput ${ratio.throughput} × bare, p99 ${ratio.p99} × bare`);
    return {
      name: 'relay',
      results,
      baseline,
      ratio,
      target: {
        throughput: 'saturation throughput ≥ 0.5 × bare relay',
        p99: `p99 at ${RATE} msgs/s ≤ 3 × bare relay's`,
        p99_absolute: `p99 at ${RATE} msgs/s ≤ 15 ms`,
      },
      pass: {
        throughput: ratio.throughput >= 0.5,
        p99: ratio.p99 <= 3,
        p99_absolute: results.latency_at_rate.value <= 15,
      },
      machine: machineInfo(),
    };
  },
};
