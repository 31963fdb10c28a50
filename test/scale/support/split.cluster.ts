import { scaleEnv } from './scale.env';
import { createRunSchema } from './real-services';
import { freePort, type ServiceProcess, startService } from './service.process';

/** The split deployment of the smoke test, one process per box. */
export interface SplitCluster {
  readonly env: Readonly<Record<string, string>>;
  readonly schema: string;
  readonly im: readonly [ServiceProcess, ServiceProcess];
  readonly customerService: ServiceProcess;
  readonly dispatcher: ServiceProcess;
  readonly gateways: readonly [ServiceProcess, ServiceProcess];
  all(): ServiceProcess[];
  /** Starts one more gateway on the running cluster (the "gateway added while running" case). */
  addGateway(id: string): Promise<ServiceProcess>;
  /** Every process that started, SIGTERMed together; their exit codes by name. */
  stop(): Promise<Record<string, number | null>>;
}

export const GATEWAY_IDS = ['gw-smoke-1', 'gw-smoke-2'] as const;

/**
 * im (two instances: one relay active, one passive), customer-service, dispatcher, then two
 * gateways pointed at the first im and customer-service. All on a fresh schema and Redis prefix.
 */
export async function startSplitCluster(started: ServiceProcess[]): Promise<SplitCluster> {
  const { env, schema } = scaleEnv();
  await createRunSchema(schema);
  const track = async (promise: Promise<ServiceProcess>) => {
    const service = await promise;
    started.push(service);
    return service;
  };
  // im-1 first, so it most likely holds the relay lease; the test does not rely on which.
  const im1 = await track(startService('im', 'im-1', env));
  const [im2, customerService, dispatcher] = await Promise.all([
    track(startService('im', 'im-2', env)),
    track(startService('customer-service', 'customer-service', env)),
    track(startService('dispatcher', 'dispatcher', env)),
  ]);
  // Each gateway announces the URL clients reach it at (allocation): its port is chosen first.
  const gateway = async (id: string) => {
    const port = String(await freePort());
    return track(
      startService('gateway', id, {
        ...env,
        PORT: port,
        GATEWAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
        GATEWAY_ID: id,
        GATEWAY_EDGE: 'http',
        IM_URL: im1.url,
        CUSTOMER_SERVICE_URL: customerService.url,
        GATEWAY_ACK_TIMEOUT_MS: '2000',
      }),
    );
  };
  const gateways = (await Promise.all(GATEWAY_IDS.map(gateway))) as [
    ServiceProcess,
    ServiceProcess,
  ];
  return {
    env,
    schema,
    im: [im1, im2],
    customerService,
    dispatcher,
    gateways,
    all: () => [im1, im2, customerService, dispatcher, ...gateways],
    addGateway: gateway,
    stop: () => stopAll(started),
  };
}

export async function stopAll(services: readonly ServiceProcess[]) {
  const codes = await Promise.all(services.map((service) => service.stop()));
  return Object.fromEntries(services.map((service, i) => [service.name, codes[i]!]));
}
