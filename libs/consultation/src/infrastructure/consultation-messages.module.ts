import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { BUS, type Bus } from '@switchboard/bus';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform/clock/clock.port';
import { consultationDecider, type ConsultationPolicy } from '../domain';
import { FaqAutoAnswer } from '../application/faq/faq-auto-answer.service';
import { ImMessagesConsumer } from '../application/messages/im-messages.consumer';
import { MessagePostedReactor } from '../application/messages/message-posted.reactor';
import { MessageTextLog } from '../application/quality/message-text.log';
import {
  ConsultationRuntimeModule,
  RUNTIME_CONSULTATION_POLICY,
} from './consultation-runtime.module';
import { FaqModule } from './faq.module';
import { QualityModule } from './quality.module';

/** Joins the consumer group after bootstrap and leaves it while the store is still open. */
@Injectable()
export class ImMessagesConsumerLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(private readonly consumer: ImMessagesConsumer) {}

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}

/**
 * The consultation context's reading of `im.messages.v1` (consumer group `consultation`):
 * customer and agent activity, reopen on a customer message, the FAQ answer to a customer's
 * first message, and the quality module's message texts. Needs BUS, EVENT_STORE and CLOCK
 * from the app's global modules.
 */
@Module({
  imports: [ConsultationRuntimeModule, FaqModule, QualityModule],
  providers: [
    {
      provide: ImMessagesConsumer,
      inject: [BUS, EVENT_STORE, CLOCK, RUNTIME_CONSULTATION_POLICY, FaqAutoAnswer, MessageTextLog],
      useFactory: (
        bus: Bus,
        store: EventStore,
        clock: Clock,
        policy: ConsultationPolicy,
        faq: FaqAutoAnswer,
        texts: MessageTextLog,
      ) => {
        const nest = new Logger('ImMessagesConsumer');
        const logger = {
          debug: (message: string) => nest.debug(message),
          warn: (message: string) => nest.warn(message),
          error: (message: string) => nest.error(message),
        };
        const decider = consultationDecider(policy);
        const reactor = new MessagePostedReactor({ store, clock, decider, faq, logger });
        return new ImMessagesConsumer({ bus, reactor, texts, logger });
      },
    },
    ImMessagesConsumerLifecycle,
  ],
  exports: [ImMessagesConsumer],
})
export class ConsultationMessagesModule {}
