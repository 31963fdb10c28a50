import { devTokens, pairUp, type ChatPair } from '../../scripts/load/load.setup';
import { LinkTap } from '../../test/scale/support/link-tap';
import { machineInfo, type BenchScenario } from '../bench.report';
import type { ClusterPair, ClusterStats } from '../support/cluster.types';
import {
  describeLatency,
  clusterLatencyFigure,
  linkCounts,
  mergeClusterStats,
  type LinkCount,
} from '../support/cluster.figures';
import { startBenchCluster } from '../support/cluster.process';
import { startSwitchboard } from '../support/server.process';
import { envNumber, round, sleep } from '../support/stats';
import { WorkerHost } from '../support/worker.host';

/*
 * The split deployment (im, customer-service, dispatcher and GATEWAYS gateways as processes on
 * PostgreSQL, Kafka and Redis) against the one-process app (embedded SQLite, in-process bus and
 * delivery) at the same fixed rate with the same client code. Customer and agent of a pair sit
 * on different gateways two times in three, so most messages cross the GatewayLink. Latency: a
 * message's send to the PEER's `message.new`, measured in the generator process.
 */

const PAIRS = envNumber('BENCH_CLUSTER_PAIRS', 100);
const GATEWAYS = envNumber('BENCH_CLUSTER_GATEWAYS', 3);
/** Messages/s, customers' and agents' answers together (as the relay bench counts). */
const RATE = envNumber('BENCH_CLUSTER_RATE', 200);
const GENERATORS = envNumber('BENCH_CLUSTER_GENERATORS', 2);
const WARMUP_MS = envNumber('BENCH_CLUSTER_WARMUP_MS', 5_000);
const MEASURE_MS = envNumber('BENCH_CLUSTER_MEASURE_MS', 30_000);
const TARGET_P99_MS = 50;

/** Customer on gateway i mod n; the agent on another one two times in three. */
function placed(pairs: readonly ChatPair[], urls: readonly string[]): ClusterPair[] {
  const n = urls.length;
  return pairs.map((pair, i) => {
    const customerGateway = i % n;
    const shift = n === 1 ? 0 : [1, 2, 0][Math.floor(i / n) % 3]!;
    return { ...pair, customerGateway, agentGateway: (i + shift) % n, gatewayUrls: urls };
  });
}

async function measure(pairs: readonly ClusterPair[], gateways: number): Promise<ClusterStats> {
  const workers = Array.from({ length: GENERATORS }, () => new WorkerHost('cluster.worker.ts'));
  try {
    await Promise.all(
      workers.map((worker, w) =>
        worker.call('connect', { pairs: pairs.filter((_, i) => i % GENERATORS === w) }),
      ),
    );
    // Every customer message is answered, so customers send half of RATE.
    await Promise.all(
      workers.map((worker) => worker.call('start', { rate: RATE / 2 / GENERATORS })),
    );
    await sleep(WARMUP_MS);
    await Promise.all(workers.map((worker) => worker.call('window', { gateways })));
    await sleep(MEASURE_MS);
    return mergeClusterStats(
      await Promise.all(workers.map((worker) => worker.call<ClusterStats>('stop'))),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.call('close').catch(() => undefined)));
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

async function oneProcess(log: (line: string) => void): Promise<ClusterStats> {
  log(`one process (embedded SQLite, in-process bus): ${PAIRS} pairs at ${RATE} msgs/s`);
  const server = await startSwitchboard({});
  try {
    const pairs = await pairUp({
      url: server.url,
      customers: PAIRS,
      agents: PAIRS,
      domain: 'travel',
      tokens: devTokens(server.url),
    });
    const stats = await measure(placed(pairs, [server.url]), 1);
    log(describeLatency('  one process', stats));
    return stats;
  } finally {
    await server.stop();
  }
}

async function cluster(
  log: (line: string) => void,
): Promise<{ stats: ClusterStats; links: LinkCount[]; crossPairs: number }> {
  const cpuProfDir = process.env.BENCH_CPU_PROF;
  const startedAt = Date.now();
  const logDir = process.env.BENCH_CLUSTER_LOGS;
  const c = await startBenchCluster({ gateways: GATEWAYS, cpuProfDir, logDir });
  log(
    `cluster up in ${Date.now() - startedAt} ms: im, customer-service, dispatcher, ` +
      `${GATEWAYS} gateways (PostgreSQL, Kafka, Redis)`,
  );
  let tap: LinkTap | undefined;
  try {
    const tokens = devTokens(c.restUrl);
    const pairs = placed(
      await pairUp({ url: c.restUrl, customers: PAIRS, agents: PAIRS, domain: 'travel', tokens }),
      c.gateways.map((g) => g.url),
    );
    const crossPairs = pairs.filter((p) => p.customerGateway !== p.agentGateway).length;
    log(`cluster: ${PAIRS} pairs (${crossPairs} across gateways) at ${RATE} msgs/s`);
    tap = await LinkTap.open(c.redisPrefix);
    const before = await c.deliveries();
    const stats = await measure(pairs, GATEWAYS);
    const after = await c.deliveries();
    log(describeLatency('  cluster', stats));
    const links = linkCounts(
      c.gatewayIds,
      stats,
      (id) => tap!.messagesTo(id),
      after.map((n, g) => n - before[g]!),
    );
    for (const l of links)
      log(
        `  ${l.gatewayId}: link ${l.got} for ${l.expected} expected (missing ${l.missing}, ` +
          `to no recipient ${l.unexpected}); socket emits ${l.socketEmits}`,
      );
    return { stats, links, crossPairs };
  } finally {
    tap?.close();
    const codes = await c.stop();
    const unclean = Object.entries(codes).filter(([, code]) => code !== 0);
    if (unclean.length > 0) log(`  unclean exits: ${JSON.stringify(Object.fromEntries(unclean))}`);
  }
}

export const clusterScenario: BenchScenario = {
  name: 'cluster',
  description: `${GATEWAYS} gateways + im, customer-service, dispatcher on PostgreSQL/Kafka/Redis vs one process`,
  async run(log) {
    const single = await oneProcess(log);
    const split = await cluster(log);
    const results = {
      latency: {
        ...clusterLatencyFigure(split.stats, RATE),
        pairs: PAIRS,
        crossPairs: split.crossPairs,
      },
      link_deliveries_to_no_recipient: {
        value: split.links.reduce((sum, l) => sum + l.unexpected, 0),
        unit: 'messages',
        perGateway: split.links,
      },
    };
    const baseline = {
      one_process_latency: { ...clusterLatencyFigure(single, RATE), pairs: PAIRS },
    };
    const ratio = { p99: round(results.latency.value / baseline.one_process_latency.value) };
    log(`ratio: cluster p99 ${ratio.p99} × one process`);
    const missing = split.links.reduce((sum, l) => sum + l.missing, 0);
    return {
      name: 'cluster',
      results,
      baseline,
      ratio,
      target: {
        p99_absolute: `cluster p99 at ${RATE} msgs/s ≤ ${TARGET_P99_MS} ms`,
        targeted: 'every GatewayLink delivery goes to a gateway holding a recipient, none missing',
      },
      pass: {
        p99_absolute: results.latency.value <= TARGET_P99_MS,
        targeted: results.link_deliveries_to_no_recipient.value === 0 && missing === 0,
      },
      machine: machineInfo(),
    };
  },
};
