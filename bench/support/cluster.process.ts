import { createServer, request, type Server } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaleEnv } from '../../test/scale/support/scale.env';
import { freePort, metricValue } from '../../test/scale/support/service.process';
import { cleanUpRun, createRunSchema, stopAll } from './cluster.infra';
import { type ClusterService, startClusterService } from './cluster.service';

/** The split deployment the cluster bench drives: one process per service, 3 gateways. */
export interface BenchCluster {
  readonly gatewayIds: readonly string[];
  readonly gateways: readonly ClusterService[];
  readonly im: ClusterService;
  readonly customerService: ClusterService;
  readonly dispatcher: ClusterService;
  /** The run's Redis key prefix (GatewayLink channels are `<prefix>gw:<id>`). */
  readonly redisPrefix: string;
  /** One URL for REST set-up calls, routed by path like deploy/nginx does (im or customer-service). */
  readonly restUrl: string;
  /** `switchboard_gateway_deliveries_total{event="message.new"}` of each gateway, in order. */
  deliveries(): Promise<number[]>;
  /** SIGTERMs every process, then drops the run's schema and Redis keys; exit codes by name. */
  stop(): Promise<Record<string, number | null>>;
}

export interface ClusterOptions {
  readonly gateways: number;
  /** Directory for CPU profiles of every service (written when each exits). */
  readonly cpuProfDir?: string;
  /** Directory where each service's output goes as `<name>.log` when it stops. */
  readonly logDir?: string;
}

const PROFILE_PRELOAD = join(__dirname, 'cluster.profile.preload.ts');

/** Paths im answers; everything else (auth, agents, consultations) is customer-service's. */
const IM_PATHS = ['/v1/conversations', '/v1/messages', '/v1/uploads'];

/**
 * im, customer-service and dispatcher, then the gateways (each announcing its own URL), on
 * PostgreSQL (a fresh schema), Kafka and Redis (a fresh prefix), production adapters only.
 * The services log at `warn`, as the one-process baseline does (at `info` every REST call
 * between gateway and im would write an access-log line).
 */
export async function startBenchCluster(options: ClusterOptions): Promise<BenchCluster> {
  const { env: base, schema: scaleSchema } = scaleEnv();
  const run = scaleSchema.slice('scale_'.length);
  const schema = `bench_cluster_${run}`;
  const env: Record<string, string> = {
    ...base,
    EVENT_STORE_SCHEMA: schema,
    LOG_LEVEL: 'warn',
    KAFKA_CLIENT_ID: `bench-cluster-${run}`,
    DELIVERY_REDIS_PREFIX: `sbbench:${run}:`,
    GATEWAY_RATE_LIMIT_PER_S: '100000',
  };
  const profiled = (name: string): Record<string, string> =>
    options.cpuProfDir === undefined
      ? env
      : {
          ...env,
          NODE_OPTIONS: `-r @swc-node/register -r ${PROFILE_PRELOAD}`,
          BENCH_PROFILE_DIR: options.cpuProfDir,
          BENCH_PROFILE_NAME: name,
        };
  if (options.cpuProfDir !== undefined) mkdirSync(options.cpuProfDir, { recursive: true });
  const started: ClusterService[] = [];
  const track = async (promise: Promise<ClusterService>) => {
    const service = await promise;
    started.push(service);
    return service;
  };
  let proxy: Server | undefined;
  const stop = async () => {
    const codes = await stopAll(started);
    if (options.logDir !== undefined) {
      mkdirSync(options.logDir, { recursive: true });
      for (const service of started)
        writeFileSync(join(options.logDir, `${service.name}.log`), service.lines.join('\n'));
    }
    proxy?.closeAllConnections();
    proxy?.close();
    await cleanUpRun(schema, env.DELIVERY_REDIS_PREFIX!);
    rmSync(env.UPLOAD_DIR!.replace(/\/uploads$/, ''), { recursive: true, force: true });
    return codes;
  };
  try {
    await createRunSchema(schema);
    const [im, customerService, dispatcher] = await Promise.all([
      track(startClusterService('im', 'im', profiled('im'))),
      track(
        startClusterService('customer-service', 'customer-service', profiled('customer-service')),
      ),
      track(startClusterService('dispatcher', 'dispatcher', profiled('dispatcher'))),
    ]);
    const gatewayIds = Array.from({ length: options.gateways }, (_, i) => `gw-bench-${i + 1}`);
    const gateways = await Promise.all(
      gatewayIds.map(async (id) => {
        const port = String(await freePort());
        return track(
          startClusterService('gateway', id, {
            ...profiled(id),
            PORT: port,
            GATEWAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
            GATEWAY_ID: id,
            GATEWAY_EDGE: 'http',
            IM_URL: im.url,
            CUSTOMER_SERVICE_URL: customerService.url,
          }),
        );
      }),
    );
    proxy = await routeByPath(im.url, customerService.url);
    const { port } = proxy.address() as { port: number };
    return {
      gatewayIds,
      gateways,
      im,
      customerService,
      dispatcher,
      redisPrefix: env.DELIVERY_REDIS_PREFIX!,
      restUrl: `http://127.0.0.1:${port}`,
      deliveries: () =>
        Promise.all(
          gateways.map(async (gateway) =>
            metricValue(
              await (await fetch(`${gateway.url}/metrics`)).text(),
              'switchboard_gateway_deliveries_total',
              { event: 'message.new' },
            ),
          ),
        ),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A tiny path router for the set-up's REST calls (not on the measured path). */
function routeByPath(imUrl: string, customerServiceUrl: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const target = IM_PATHS.some((p) => path.startsWith(p)) ? imUrl : customerServiceUrl;
    const upstream = request(
      new URL(path, target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.writeHead(502).end(String(error)));
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
