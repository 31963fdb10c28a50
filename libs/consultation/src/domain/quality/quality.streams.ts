/** Stream names of quality inspection: one per template, one per inspected consultation. */
export const SCORECARD_STREAM_PREFIX = 'qa-scorecard-';
export const INSPECTION_STREAM_PREFIX = 'qa-inspection-';

export function scorecardStream(templateId: string): string {
  return `${SCORECARD_STREAM_PREFIX}${templateId}`;
}

export function inspectionStream(consultationId: string): string {
  return `${INSPECTION_STREAM_PREFIX}${consultationId}`;
}
