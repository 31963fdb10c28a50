import { type DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { DeliveryModule } from '@switchboard/delivery';
import { PlatformModule, type PlatformOptions } from '@switchboard/platform';
import { AbsentDependenciesModule } from '@switchboard/platform/bootstrap';

/**
 * The dispatcher (`apps/dispatcher`): the `dispatcher` consumer group on `im.messages.v1` and
 * `consultation.events.v1` (recipients by domain/device/role, looked up in the connection
 * registry, sent over the GatewayLink only to the gateways holding them) and the push worker
 * on `push.requests.v1`. No API besides `/health` and `/metrics`. Run several: Kafka shares
 * the partitions among them, and order per conversation holds within a partition.
 *
 * No event store here (AbsentDependenciesModule stands in for /health's ping).
 */
@Module({})
export class DispatcherAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { env } = options;
    return {
      module: DispatcherAppModule,
      imports: [
        PlatformModule.forRoot(options),
        AbsentDependenciesModule.forRoot({ eventStore: true }),
        BusModule.forRootAsync(),
        DeliveryModule.forRoot(
          { allocationApi: false },
          {
            adapter: env.DELIVERY_ADAPTER,
            redisUrl: env.REDIS_URL,
            prefix: env.DELIVERY_REDIS_PREFIX,
            allocation: env.GATEWAY_ALLOCATION,
          },
        ),
      ],
    };
  }
}
