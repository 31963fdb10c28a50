import { DomainError } from '@switchboard/es-core';

/** Stable codes of quality inspection; kinds map to 400 / 404 / 409 at the edge. */
export const QualityErrorCode = {
  InvalidScorecard: 'QA_INVALID_SCORECARD',
  InvalidWeight: 'QA_INVALID_WEIGHT',
  DuplicateCriterion: 'QA_DUPLICATE_CRITERION',
  ScorecardExists: 'QA_SCORECARD_EXISTS',
  ScorecardNotFound: 'QA_SCORECARD_NOT_FOUND',
  InvalidScores: 'QA_INVALID_SCORES',
  TemplateVersionMismatch: 'QA_TEMPLATE_VERSION_MISMATCH',
  AlreadyApplied: 'QA_SCORECARD_ALREADY_APPLIED',
  ConsultationNotClosed: 'QA_CONSULTATION_NOT_CLOSED',
} as const;

export type QualityErrorCode = (typeof QualityErrorCode)[keyof typeof QualityErrorCode];

export function invalidQuality(
  code: QualityErrorCode,
  field: string,
  message: string,
): DomainError {
  return new DomainError(code, message, 'invalid_command', { field });
}

export function qualityConflict(
  code: QualityErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>>,
): DomainError {
  return new DomainError(code, message, 'conflict', details);
}

export function scorecardNotFound(templateId: string): DomainError {
  return new DomainError(
    QualityErrorCode.ScorecardNotFound,
    `No scorecard template ${templateId}`,
    'not_found',
    { templateId },
  );
}

export function consultationNotClosed(consultationId: string, state: string): DomainError {
  return new DomainError(
    QualityErrorCode.ConsultationNotClosed,
    `Consultation ${consultationId} is ${state}; only a closed consultation can be inspected`,
    'conflict',
    { consultationId, state },
  );
}
