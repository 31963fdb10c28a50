import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform/clock/clock.port';
import { AutoReplier } from '../application/auto-replies/auto-reply.process-manager';
import { ServiceSettingsController } from '../application/service-settings/service-settings.controller';
import {
  GetServiceSettingsHandler,
  SetAutoRepliesHandler,
  SetBusinessHoursHandler,
} from '../application/service-settings/service-settings.handler';

@Injectable()
class AutoReplierLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(AutoReplier) private readonly replier: AutoReplier) {}

  onApplicationBootstrap(): Promise<void> {
    return this.replier.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.replier.stop();
  }
}

/**
 * Business hours and auto replies: the `/v1/service-settings` REST API and the AutoReplier,
 * which records greetings, queue-position and out-of-hours replies in `auto-reply-<id>`
 * streams for the messaging context. Needs EVENT_STORE, CLOCK and the global CQRS buses.
 */
@Module({
  controllers: [ServiceSettingsController],
  providers: [
    {
      provide: AutoReplier,
      inject: [EVENT_STORE, CLOCK],
      useFactory: (store: EventStore, clock: Clock) => {
        const nest = new Logger('AutoReplier');
        return new AutoReplier({
          store,
          clock,
          logger: {
            debug: (message) => nest.debug(message),
            warn: (message) => nest.warn(message),
            error: (message) => nest.error(message),
          },
        });
      },
    },
    AutoReplierLifecycle,
    SetBusinessHoursHandler,
    SetAutoRepliesHandler,
    GetServiceSettingsHandler,
  ],
  exports: [AutoReplier],
})
export class AutoReplyModule {}
