import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { WordListBannedWordsCheck } from '../domain/quality';
import { AutomaticChecksProcessManager } from '../application/quality/automatic-checks.process-manager';
import { InspectionService } from '../application/quality/inspection.service';
import { InspectionsController } from '../application/quality/inspections.controller';
import { MessageTextLog } from '../application/quality/message-text.log';
import {
  MESSAGE_TEXTS,
  type MessageTexts,
  NoMessageTexts,
  QUALITY_SETTINGS,
  type QualitySettings,
  slaSecondsFrom,
} from '../application/quality/quality.settings';
import {
  GetInspectionHandler,
  GetScorecardHandler,
} from '../application/quality/quality-read.handlers';
import { ScorecardService } from '../application/quality/scorecard.service';
import { ScorecardsController } from '../application/quality/scorecards.controller';

/** Starts the automatic checks after bootstrap and stops them while the store is still open. */
@Injectable()
export class QualityRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly checks: AutomaticChecksProcessManager) {}

  onApplicationBootstrap(): Promise<void> {
    return this.checks.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.checks.stop();
  }
}

/**
 * Quality inspection (`/v1/qa`): scorecard templates, scorecards applied to closed
 * consultations, automatic checks recorded on every close. Reads
 * `QA_FIRST_RESPONSE_SLA_SECONDS` (default 60) and `QA_BANNED_WORDS` (comma-separated) when a
 * ConfigService is present. Message texts come from MESSAGE_TEXTS, the MessageTextLog this
 * module provides and exports: the consultation context's `im.messages.v1` consumer
 * (ConsultationMessagesModule) feeds it.
 */
@Module({
  controllers: [ScorecardsController, InspectionsController],
  providers: [
    // A factory, not a value: every app booted in one process (tests) gets its own log.
    { provide: MessageTextLog, useFactory: () => new MessageTextLog() },
    { provide: MESSAGE_TEXTS, useExisting: MessageTextLog },
    {
      provide: QUALITY_SETTINGS,
      inject: [{ token: ConfigService, optional: true }],
      useFactory: (config?: ConfigService): QualitySettings => ({
        firstResponseSlaSeconds: slaSecondsFrom(
          config?.get<number>('QA_FIRST_RESPONSE_SLA_SECONDS')?.toString(),
        ),
        bannedWords: new WordListBannedWordsCheck(
          (config?.get<string>('QA_BANNED_WORDS') ?? '')
            .split(',')
            .map((word) => word.trim())
            .filter((word) => word.length > 0),
        ),
      }),
    },
    {
      provide: AutomaticChecksProcessManager,
      inject: [EVENT_STORE, QUALITY_SETTINGS, { token: MESSAGE_TEXTS, optional: true }],
      useFactory: (store: EventStore, settings: QualitySettings, texts?: MessageTexts) => {
        const nest = new Logger(AutomaticChecksProcessManager.name);
        return new AutomaticChecksProcessManager({
          store,
          settings,
          texts: texts ?? new NoMessageTexts(),
          logger: {
            debug: (message) => nest.debug(message),
            warn: (message) => nest.warn(message),
            error: (message) => nest.error(message),
          },
        });
      },
    },
    QualityRuntime,
    ScorecardService,
    InspectionService,
    GetScorecardHandler,
    GetInspectionHandler,
  ],
  exports: [MessageTextLog, MESSAGE_TEXTS],
})
export class QualityModule {}
