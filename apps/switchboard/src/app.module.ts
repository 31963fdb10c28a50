import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@switchboard/bus';
import { ConsultationModule } from '@switchboard/consultation/infrastructure/consultation.module';
import { ConversationModule, moderationFromEnv } from '@switchboard/conversation';
import { UploadsModule } from '@switchboard/conversation/uploads';
import { DataModule, dataOptionsFromEnv } from '@switchboard/data';
import { DeliveryModule } from '@switchboard/delivery';
import { EventStoreModule } from '@switchboard/event-store';
import { GatewayModule } from '@switchboard/gateway';
import { PlatformModule, type PlatformOptions, type SwitchboardEnv } from '@switchboard/platform';
import { RelayModule } from '@switchboard/relay';
import { UserModule } from '@switchboard/user';

/**
 * The whole of Switchboard in one process. The adapters come from the environment; with none
 * set, the embedded defaults (SQLite under ./data, in-process bus, in-memory connection
 * registry and gateway link) need nothing installed.
 *
 * Import order matters: the adapter modules are global, and Nest starts global modules in
 * import order and shuts them down in reverse. The event store opens first and closes last, so
 * bus consumers stop (finishing their handlers' appends) before the store closes. The relay
 * (event store → bus topics) stops before both, flushing what it has read. The data module's
 * projector (a bus consumer) stops before the bus; the user module reads its FACT_STORE. The
 * gateway comes last, so its sockets close first.
 */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { env } = options;
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options),
        EventStoreModule.forRootAsync(),
        BusModule.forRootAsync(),
        RelayModule.forRootAsync(),
        CqrsModule.forRoot(),
        DeliveryModule.forRoot(
          {},
          {
            adapter: env.DELIVERY_ADAPTER,
            redisUrl: env.REDIS_URL,
            prefix: env.DELIVERY_REDIS_PREFIX,
            allocation: env.GATEWAY_ALLOCATION,
          },
        ),
        ConsultationModule,
        ConversationModule.forRoot({
          moderation: moderationFromEnv({
            MODERATION_WORDS: env.MODERATION_WORDS,
            MODERATION_PATTERNS: env.MODERATION_PATTERNS,
            MODERATION_MODE: env.MODERATION_MODE,
            MODERATION_BLOCK_LINKS: String(env.MODERATION_BLOCK_LINKS),
            MODERATION_ALLOWED_HOSTS: env.MODERATION_ALLOWED_HOSTS,
          }),
          imports: [UploadsModule.forRoot()],
        }),
        DataModule.forRoot(dataOptionsFromEnv(env)),
        UserModule,
        GatewayModule.forRoot(gatewayOptions(env)),
      ],
    };
  }
}

function gatewayOptions(env: SwitchboardEnv): Parameters<typeof GatewayModule.forRoot>[0] {
  return {
    gatewayId: env.GATEWAY_ID,
    serverIp: env.GATEWAY_SERVER_IP,
    heartbeatMs: env.GATEWAY_HEARTBEAT_MS,
    ackTimeoutMs: env.GATEWAY_ACK_TIMEOUT_MS,
    ackMaxBackoffMs: env.GATEWAY_ACK_MAX_BACKOFF_MS,
    rateLimitPerSecond: env.GATEWAY_RATE_LIMIT_PER_S,
    trustProxy: env.GATEWAY_TRUST_PROXY,
    publicUrl: env.GATEWAY_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  };
}
