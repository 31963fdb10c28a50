import type { SubjectKind } from './fact';

/** A fact before `toFacts` gives it its id and revision from the envelope. */
export interface FactDraft {
  readonly subjectKind: SubjectKind;
  readonly subjectId: string;
  readonly kind: string;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}
