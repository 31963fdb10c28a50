import { Inject, Injectable } from '@nestjs/common';
import { fold, handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  type ConsultationEvent,
  consultationStream,
  evolveConsultation,
  initialConsultationState,
  stateName,
} from '../../domain';
import {
  consultationNotClosed,
  type CriterionScore,
  inspectionDecider,
  type InspectionEvent,
  type InspectionState,
  inspectionStream,
  QualityErrorCode,
  qualityConflict,
} from '../../domain/quality';
import { consultationNotFound } from '../command-context/access.errors';
import { commandMetadata, type RequestContext } from '@switchboard/platform';
import { ScorecardService } from './scorecard.service';

export interface InspectionView extends InspectionState {
  readonly consultationId: string;
}

export function toInspectionEvent(recorded: RecordedEvent): InspectionEvent {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as InspectionEvent;
}

/**
 * Applies scorecards to closed consultations and reads inspections back. The consultation is
 * read from its own stream here, at the application layer; `closed` is final in the state
 * machine, so the check cannot be invalidated between the read and the append.
 */
@Injectable()
export class InspectionService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scorecards: ScorecardService,
  ) {}

  async apply(
    context: RequestContext,
    consultationId: string,
    body: {
      readonly templateId: string;
      readonly templateVersion?: number;
      readonly scores: readonly CriterionScore[];
    },
  ): Promise<InspectionView> {
    await this.assertClosed(consultationId);
    const template = await this.scorecards.load(body.templateId);
    if (body.templateVersion !== undefined && body.templateVersion !== template.templateVersion) {
      throw qualityConflict(
        QualityErrorCode.TemplateVersionMismatch,
        `Scorecard ${template.templateId} is at version ${template.templateVersion}`,
        { asked: body.templateVersion, current: template.templateVersion },
      );
    }
    const stream = inspectionStream(consultationId);
    const metadata = commandMetadata(
      context,
      this.clock,
      `qa-apply/${stream}/${template.templateId}`,
    );
    const result = await handleCommand(this.store, stream, inspectionDecider, {
      type: 'applyScorecard',
      data: {
        consultationId,
        templateId: template.templateId,
        templateVersion: template.templateVersion,
        criteria: template.criteria,
        scores: body.scores.map(({ criterionId, points, note }) => ({
          criterionId,
          points,
          ...(note === undefined ? {} : { note }),
        })),
        inspectorId: context.actor.userId,
      },
      metadata,
    });
    return { consultationId, ...result.state };
  }

  /** Scorecards and automatic checks of a consultation; 404 when it does not exist. */
  async get(consultationId: string): Promise<InspectionView> {
    await this.consultationState(consultationId);
    const events = await this.store.readStream(inspectionStream(consultationId));
    return { consultationId, ...fold(inspectionDecider, events.map(toInspectionEvent)) };
  }

  private async assertClosed(consultationId: string): Promise<void> {
    const state = await this.consultationState(consultationId);
    if (state !== 'closed') throw consultationNotClosed(consultationId, state);
  }

  private async consultationState(consultationId: string): Promise<string> {
    const events = await this.store.readStream(consultationStream(consultationId));
    const state = events
      .map(
        (recorded) =>
          ({ type: recorded.type, version: 1, data: recorded.data }) as ConsultationEvent,
      )
      .reduce(evolveConsultation, initialConsultationState);
    if (state.status === 'initial') throw consultationNotFound(consultationId);
    return stateName(state);
  }
}
