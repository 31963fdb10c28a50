import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@switchboard/bus';
import { ConversationModule, moderationFromEnv } from '@switchboard/conversation';
import { UploadsModule } from '@switchboard/conversation/uploads';
import { EventStoreModule } from '@switchboard/event-store';
import { PlatformModule, type PlatformOptions } from '@switchboard/platform';
import { RelayModule, relaySettingsFromConfig } from '@switchboard/relay';

/** Checkpoint and lease of this app's relay (`conversation-*` → `im.messages.v1`). */
export const IM_RELAY_NAME = 'relay-im';

/**
 * The messaging service (`apps/im`): conversations, messages, read cursors, moderation and
 * uploads over REST (`/v1/conversations`, `/v1/messages`, `/v1/uploads`), and the relay of
 * `conversation-*` streams to `im.messages.v1`. Any number of instances: all serve the API,
 * the holder of the `relay-im` lease (RELAY_LEASE) publishes.
 *
 * Import order (Nest starts global modules in order and stops them in reverse): the event
 * store opens first and closes last; the relay stops before the bus.
 */
@Module({})
export class ImAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { env } = options;
    return {
      module: ImAppModule,
      imports: [
        PlatformModule.forRoot(options),
        EventStoreModule.forRootAsync(),
        BusModule.forRootAsync(),
        RelayModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            ...relaySettingsFromConfig(config),
            name: IM_RELAY_NAME,
          }),
        }),
        CqrsModule.forRoot(),
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
      ],
    };
  }
}
