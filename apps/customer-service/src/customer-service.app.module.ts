import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@switchboard/bus';
import { ConsultationModule } from '@switchboard/consultation/infrastructure/consultation.module';
import { DeliveryModule } from '@switchboard/delivery';
import { EventStoreModule } from '@switchboard/event-store';
import { QueuePositionsOverLinkModule } from '@switchboard/gateway';
import { PlatformModule, type PlatformOptions } from '@switchboard/platform';
import { RelayModule, relaySettingsFromConfig } from '@switchboard/relay';

/** Checkpoint and lease of this app's relay (`consultation-`, `agent-`, `auto-reply-` streams). */
export const CUSTOMER_SERVICE_RELAY_NAME = 'relay-customer-service';

/**
 * The customer-service service (`apps/customer-service`): consultations, routing and
 * assignment, agents, auto replies, FAQ and quality inspection over REST, the relay of the
 * consultation context's streams to `consultation.events.v1` and `agent.events.v1`, and queue
 * positions pushed to waiting customers' gateways over the GatewayLink (the delivery adapters,
 * without the dispatcher and push consumers: apps/dispatcher runs those).
 *
 * Import order as in apps/switchboard: event store first (closes last), relay before the bus.
 */
@Module({})
export class CustomerServiceAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { env } = options;
    return {
      module: CustomerServiceAppModule,
      imports: [
        PlatformModule.forRoot(options),
        EventStoreModule.forRootAsync(),
        BusModule.forRootAsync(),
        RelayModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            ...relaySettingsFromConfig(config),
            name: CUSTOMER_SERVICE_RELAY_NAME,
          }),
        }),
        CqrsModule.forRoot(),
        DeliveryModule.forRoot(
          { consumers: false, allocationApi: false },
          {
            adapter: env.DELIVERY_ADAPTER,
            redisUrl: env.REDIS_URL,
            prefix: env.DELIVERY_REDIS_PREFIX,
            allocation: env.GATEWAY_ALLOCATION,
          },
        ),
        QueuePositionsOverLinkModule,
        ConsultationModule,
      ],
    };
  }
}
