import { type DynamicModule, Module } from '@nestjs/common';
import { DeliveryModule } from '@switchboard/delivery';
import { GatewayModule, type GatewayOptions } from '@switchboard/gateway';
import { PlatformModule, type PlatformOptions, type SwitchboardEnv } from '@switchboard/platform';
import { AbsentDependenciesModule } from '@switchboard/platform/bootstrap';

/**
 * One gateway instance (`apps/gateway`): the socket.io edge (WebSocket and long-polling), its
 * rows in the connection registry, its channel on the GatewayLink, its membership entry, and
 * `GET /v1/gateways/allocate`. Stateless: client events reach im and customer-service over
 * their REST APIs (GATEWAY_EDGE=http) with the caller's own token, so any number of instances
 * run side by side, each with its own GATEWAY_ID and GATEWAY_PUBLIC_URL. No event store and no
 * bus: the dispatcher delivers to it over the link.
 */
@Module({})
export class GatewayAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { env } = options;
    return {
      module: GatewayAppModule,
      imports: [
        PlatformModule.forRoot(options),
        AbsentDependenciesModule.forRoot({ eventStore: true, bus: true }),
        DeliveryModule.forRoot(
          { consumers: false },
          {
            adapter: env.DELIVERY_ADAPTER,
            redisUrl: env.REDIS_URL,
            prefix: env.DELIVERY_REDIS_PREFIX,
            allocation: env.GATEWAY_ALLOCATION,
          },
        ),
        GatewayModule.forRoot(gatewayOptions(env)),
      ],
    };
  }
}

/** The instance's options from the environment; the edge is always HTTP here. */
export function gatewayOptions(env: SwitchboardEnv): Partial<GatewayOptions> {
  if (env.IM_URL === undefined || env.CUSTOMER_SERVICE_URL === undefined) {
    throw new Error('apps/gateway needs IM_URL and CUSTOMER_SERVICE_URL (GATEWAY_EDGE=http)');
  }
  return {
    gatewayId: env.GATEWAY_ID,
    serverIp: env.GATEWAY_SERVER_IP,
    heartbeatMs: env.GATEWAY_HEARTBEAT_MS,
    ackTimeoutMs: env.GATEWAY_ACK_TIMEOUT_MS,
    ackMaxBackoffMs: env.GATEWAY_ACK_MAX_BACKOFF_MS,
    rateLimitPerSecond: env.GATEWAY_RATE_LIMIT_PER_S,
    trustProxy: env.GATEWAY_TRUST_PROXY,
    publicUrl: env.GATEWAY_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    edge: {
      kind: 'http',
      imUrl: env.IM_URL,
      customerServiceUrl: env.CUSTOMER_SERVICE_URL,
      timeoutMs: env.GATEWAY_EDGE_TIMEOUT_MS,
    },
  };
}
