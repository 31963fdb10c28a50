import { assertNever, type Command, type Decider, type DomainEvent } from '@switchboard/es-core';
import {
  invalidQuality,
  QualityErrorCode,
  qualityConflict,
  scorecardNotFound,
} from './quality.errors';

/** One weighted criterion: `points` given for it are 0..maxPoints, its share is `weight`. */
export interface Criterion {
  readonly criterionId: string;
  readonly label: string;
  readonly weight: number;
  readonly maxPoints: number;
}

export interface ScorecardDefinition {
  readonly templateId: string;
  readonly name: string;
  readonly criteria: readonly Criterion[];
}

export type DefineScorecard = Command<'defineScorecard', ScorecardDefinition>;
export type UpdateScorecard = Command<'updateScorecard', ScorecardDefinition>;
export type ScorecardCommand = DefineScorecard | UpdateScorecard;

/** Every change of a template is a new `templateVersion` (1, 2, ...); inspections name it. */
type TemplateData = ScorecardDefinition & { readonly templateVersion: number; readonly at: string };
export type ScorecardTemplateDefined = DomainEvent<'ScorecardTemplateDefined', TemplateData>;
export type ScorecardTemplateUpdated = DomainEvent<'ScorecardTemplateUpdated', TemplateData>;
export type ScorecardEvent = ScorecardTemplateDefined | ScorecardTemplateUpdated;

export type ScorecardState =
  | { readonly status: 'none' }
  | (ScorecardDefinition & { readonly status: 'defined'; readonly templateVersion: number });

export const MAX_CRITERIA = 50;

/** Typed 400s for a template that cannot be scored against. */
export function validateDefinition(definition: ScorecardDefinition): void {
  if (definition.name.trim().length === 0) {
    throw invalidQuality(QualityErrorCode.InvalidScorecard, 'name', 'name must not be empty');
  }
  const { criteria } = definition;
  if (criteria.length === 0 || criteria.length > MAX_CRITERIA) {
    throw invalidQuality(
      QualityErrorCode.InvalidScorecard,
      'criteria',
      `a scorecard has 1-${MAX_CRITERIA} criteria`,
    );
  }
  const seen = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (!(Number.isFinite(criterion.weight) && criterion.weight > 0)) {
      throw invalidQuality(
        QualityErrorCode.InvalidWeight,
        `criteria.${index}.weight`,
        `weight of ${criterion.criterionId} must be a finite number > 0`,
      );
    }
    if (!(Number.isInteger(criterion.maxPoints) && criterion.maxPoints > 0)) {
      throw invalidQuality(
        QualityErrorCode.InvalidScorecard,
        `criteria.${index}.maxPoints`,
        `maxPoints of ${criterion.criterionId} must be an integer > 0`,
      );
    }
    if (seen.has(criterion.criterionId)) {
      throw invalidQuality(
        QualityErrorCode.DuplicateCriterion,
        `criteria.${index}.criterionId`,
        `criterion ${criterion.criterionId} appears twice`,
      );
    }
    seen.add(criterion.criterionId);
  });
}

function data(definition: ScorecardDefinition, version: number, now: Date): TemplateData {
  return {
    templateId: definition.templateId,
    name: definition.name,
    criteria: definition.criteria.map((c) => ({ ...c })),
    templateVersion: version,
    at: now.toISOString(),
  };
}

/** Scorecard template (stream `qa-scorecard-<templateId>`). */
export const scorecardDecider: Decider<ScorecardCommand, ScorecardEvent, ScorecardState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    validateDefinition(command.data);
    const now = command.metadata.now;
    switch (command.type) {
      case 'defineScorecard':
        if (state.status === 'defined') {
          throw qualityConflict(
            QualityErrorCode.ScorecardExists,
            `Scorecard template ${command.data.templateId} already exists; update it instead`,
            { templateId: command.data.templateId },
          );
        }
        return [{ type: 'ScorecardTemplateDefined', version: 1, data: data(command.data, 1, now) }];
      case 'updateScorecard':
        if (state.status === 'none') throw scorecardNotFound(command.data.templateId);
        return [
          {
            type: 'ScorecardTemplateUpdated',
            version: 1,
            data: data(command.data, state.templateVersion + 1, now),
          },
        ];
      default:
        return assertNever(command);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'ScorecardTemplateDefined':
      case 'ScorecardTemplateUpdated': {
        const { templateId, name, criteria, templateVersion } = event.data;
        return { status: 'defined', templateId, name, criteria, templateVersion };
      }
      default:
        return assertNever(event);
    }
  },
};
