import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CannedRepliesController } from '../application/faq/canned-replies.controller';
import { ChangeFaqHandler } from '../application/faq/change-faq.handler';
import { ConsultationReader } from '../application/faq/consultation.reader';
import { FaqAutoAnswer } from '../application/faq/faq-auto-answer.service';
import { FaqCommandRunner } from '../application/faq/faq-command.runner';
import { FaqEntriesController } from '../application/faq/faq-entries.controller';
import {
  ConsultationSuggestionsController,
  FaqMatchController,
} from '../application/faq/faq-match.controller';
import { FAQ_QUERY_HANDLERS } from '../application/faq/faq-read.handlers';
import { FaqIndex } from '../application/faq/faq.index';
import {
  DEFAULT_FAQ_SETTINGS,
  FAQ_SETTINGS,
  type FaqSettings,
} from '../application/faq/faq.settings';

/**
 * FAQ and canned replies per domain (`/v1/faq`, `/v1/canned-replies`), the MiniSearch index
 * that ranks them, agent suggestions (`/v1/consultations/:id/suggestions`) and FaqAutoAnswer
 * (exported for the messaging context's first-message auto answer).
 *
 * The auto-answer threshold is FAQ_AUTO_ANSWER_THRESHOLD when ConfigService is present.
 *
 * Needs, from the app: `CqrsModule.forRoot()`, EVENT_STORE and PlatformModule (CLOCK, auth).
 */
@Module({
  controllers: [
    FaqEntriesController,
    CannedRepliesController,
    FaqMatchController,
    ConsultationSuggestionsController,
  ],
  providers: [
    {
      provide: FAQ_SETTINGS,
      inject: [{ token: ConfigService, optional: true }],
      useFactory: (config?: ConfigService): FaqSettings => ({
        autoAnswerThreshold:
          config?.get<number>('FAQ_AUTO_ANSWER_THRESHOLD') ??
          DEFAULT_FAQ_SETTINGS.autoAnswerThreshold,
      }),
    },
    FaqCommandRunner,
    ChangeFaqHandler,
    FaqIndex,
    FaqAutoAnswer,
    ConsultationReader,
    ...FAQ_QUERY_HANDLERS,
  ],
  exports: [FaqIndex, FaqAutoAnswer],
})
export class FaqModule {}
