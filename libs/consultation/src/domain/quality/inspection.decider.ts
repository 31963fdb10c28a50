import { assertNever, type Command, type Decider, type DomainEvent } from '@switchboard/es-core';
import { type AutomaticChecks } from './automatic-checks';
import { invalidQuality, QualityErrorCode, qualityConflict } from './quality.errors';
import { type Criterion } from './scorecard.decider';
import {
  type CriterionScore,
  type ScoredCriterion,
  scoreCriteria,
  weightedTotal,
} from './weighted-total';

/**
 * The template as of `templateVersion` travels in the command: the application layer read it
 * from the template's stream, the decider stays pure and the event is self-contained.
 */
export type ApplyScorecard = Command<
  'applyScorecard',
  {
    readonly consultationId: string;
    readonly templateId: string;
    readonly templateVersion: number;
    readonly criteria: readonly Criterion[];
    readonly scores: readonly CriterionScore[];
    readonly inspectorId: string;
  }
>;

/** `triggerEventId`: the ConsultationClosed the checks were computed for (idempotency). */
export type RecordAutomaticChecks = Command<
  'recordAutomaticChecks',
  {
    readonly consultationId: string;
    readonly triggerEventId: string;
    readonly closedAt: string;
    readonly checks: AutomaticChecks;
  }
>;

export type InspectionCommand = ApplyScorecard | RecordAutomaticChecks;

export type ScorecardApplied = DomainEvent<
  'ScorecardApplied',
  {
    readonly consultationId: string;
    readonly templateId: string;
    readonly templateVersion: number;
    readonly inspectorId: string;
    readonly criteria: readonly ScoredCriterion[];
    /** 0..100, see `weightedTotal` for the rounding. */
    readonly total: number;
    readonly at: string;
  }
>;

export type AutomaticChecksRecorded = DomainEvent<
  'AutomaticChecksRecorded',
  AutomaticChecks & {
    readonly consultationId: string;
    readonly triggerEventId: string;
    /** The close's time, not the clock's: a rebuild records identical data. */
    readonly at: string;
  }
>;

export type InspectionEvent = ScorecardApplied | AutomaticChecksRecorded;

export interface InspectionState {
  readonly scorecards: readonly ScorecardApplied['data'][];
  /** One entry per close (a closed consultation stays closed, so normally one). */
  readonly automaticChecks: readonly AutomaticChecksRecorded['data'][];
}

/**
 * Inspections of one consultation (stream `qa-inspection-<consultationId>`). One scorecard per
 * template per consultation: applying the same template again is QA_SCORECARD_ALREADY_APPLIED
 * (409); a revision would be a new command and event, not an overwrite. Automatic checks are
 * recorded once per triggering close; a repeat is a no-op.
 */
export const inspectionDecider: Decider<InspectionCommand, InspectionEvent, InspectionState> = {
  initialState: { scorecards: [], automaticChecks: [] },
  decide(command, state) {
    switch (command.type) {
      case 'applyScorecard': {
        const d = command.data;
        if (state.scorecards.some((s) => s.templateId === d.templateId)) {
          throw qualityConflict(
            QualityErrorCode.AlreadyApplied,
            `Scorecard ${d.templateId} was already applied to consultation ${d.consultationId}`,
            { templateId: d.templateId, consultationId: d.consultationId },
          );
        }
        const scored = scoreCriteria(d.criteria, d.scores);
        if (!Array.isArray(scored)) {
          throw invalidQuality(QualityErrorCode.InvalidScores, scored.field, scored.message);
        }
        return [
          {
            type: 'ScorecardApplied',
            version: 1,
            data: {
              consultationId: d.consultationId,
              templateId: d.templateId,
              templateVersion: d.templateVersion,
              inspectorId: d.inspectorId,
              criteria: scored,
              total: weightedTotal(scored),
              at: command.metadata.now.toISOString(),
            },
          },
        ];
      }
      case 'recordAutomaticChecks': {
        const d = command.data;
        if (state.automaticChecks.some((c) => c.triggerEventId === d.triggerEventId)) return [];
        return [
          {
            type: 'AutomaticChecksRecorded',
            version: 1,
            data: {
              consultationId: d.consultationId,
              triggerEventId: d.triggerEventId,
              ...d.checks,
              at: d.closedAt,
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ScorecardApplied':
        return { ...state, scorecards: [...state.scorecards, event.data] };
      case 'AutomaticChecksRecorded':
        return { ...state, automaticChecks: [...state.automaticChecks, event.data] };
      default:
        return assertNever(event);
    }
  },
};
