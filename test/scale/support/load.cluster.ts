import { scaleEnv } from './scale.env';
import { createRunSchema } from './real-services';
import {
  type PrivateKafka,
  type PrivateRedis,
  startPrivateKafka,
  startPrivateRedis,
} from './private.infra';
import { freePort, type ServiceProcess, startService } from './service.process';

/** The load test's split deployment: its own Redis and Kafka broker, one process per box. */
export interface LoadCluster {
  readonly env: Readonly<Record<string, string>>;
  readonly schema: string;
  readonly redis: PrivateRedis;
  readonly kafka: PrivateKafka;
  readonly im: ServiceProcess;
  readonly customerService: ServiceProcess;
  readonly dispatcher: ServiceProcess;
  /** Every gateway started so far (killed ones included), in start order. */
  readonly gateways: ServiceProcess[];
  addGateway(id: string): Promise<ServiceProcess>;
}

/**
 * A private redis-server and Kafka broker (the test flushes one and restarts the other: the
 * shared servers of the other suites are left alone), PostgreSQL in a fresh schema, then im,
 * customer-service, dispatcher and the gateways `gatewayIds`, which heartbeat every second so
 * that a flushed registry is rebuilt quickly.
 */
export async function startLoadCluster(
  started: ServiceProcess[],
  stopInfra: Array<() => Promise<void>>,
  gatewayIds: readonly string[],
): Promise<LoadCluster> {
  const { env: base, schema } = scaleEnv();
  const [redis, kafka] = await Promise.all([
    startPrivateRedis(),
    startPrivateKafka(schema),
    createRunSchema(schema),
  ]);
  stopInfra.push(redis.stop, kafka.stop);
  const env = {
    ...base,
    REDIS_URL: redis.url,
    KAFKA_BROKERS: kafka.brokers,
    GATEWAY_HEARTBEAT_MS: '1000',
  };
  const track = async (promise: Promise<ServiceProcess>) => {
    const service = await promise;
    started.push(service);
    return service;
  };
  const [im, customerService, dispatcher] = await Promise.all([
    track(startService('im', 'im', env)),
    track(startService('customer-service', 'customer-service', env)),
    track(startService('dispatcher', 'dispatcher', env)),
  ]);
  const gateways: ServiceProcess[] = [];
  const addGateway = async (id: string) => {
    const port = String(await freePort());
    const gateway = await track(
      startService('gateway', id, {
        ...env,
        PORT: port,
        GATEWAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
        GATEWAY_ID: id,
        GATEWAY_EDGE: 'http',
        IM_URL: im.url,
        CUSTOMER_SERVICE_URL: customerService.url,
        GATEWAY_ACK_TIMEOUT_MS: '2000',
      }),
    );
    gateways.push(gateway);
    return gateway;
  };
  for (const id of gatewayIds) await addGateway(id);
  return { env, schema, redis, kafka, im, customerService, dispatcher, gateways, addGateway };
}
