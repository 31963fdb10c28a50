import {
  derivedScore,
  type ReasonColumn,
  scoreIsDerived,
  splitConstantColumns,
  withoutDerivedScores,
} from '@switchboard/routing';
import {
  type AssignmentCandidate,
  type AssignmentReason,
  type StoredAssignmentReason,
} from './consultation.events';

type CandidateValue = string | number | boolean;

/**
 * The stored form of a reason (lossless for flat candidates without null values): columns,
 * shared values once, and no least-load scores that the loads give back (D48).
 */
export function packReason(reason: AssignmentReason): StoredAssignmentReason {
  const candidates = reason.candidates as unknown as readonly Readonly<
    Record<string, CandidateValue | undefined>
  >[];
  const fields = new Set<string>();
  for (const candidate of candidates) for (const field in candidate) fields.add(field);
  const columns: Record<string, ReasonColumn> = {};
  for (const field of fields) columns[field] = candidates.map((c) => c[field] ?? null);
  const candidatesStored = withoutDerivedScores(reason.strategy, splitConstantColumns(columns));
  return { strategy: reason.strategy, winner: reason.winner, ...candidatesStored };
}

/**
 * The reason as the router gave it: one object per candidate, fields without a value left out,
 * and a least-load score the stored form left to the load and capacity computed again (D48).
 */
export function unpackReason(stored: StoredAssignmentReason): AssignmentReason {
  const fields = Object.entries(stored.candidateColumns);
  const shared = Object.entries(stored.candidateConstants ?? {});
  const count = fields.reduce((n, [, column]) => Math.max(n, column.length), 0);
  const deriveScore =
    scoreIsDerived(stored.strategy) &&
    !('score' in stored.candidateColumns) &&
    !('score' in (stored.candidateConstants ?? {}));
  const candidates = Array.from({ length: count }, (_, index) => {
    const candidate: Record<string, CandidateValue> = {};
    for (const [field, column] of fields) {
      const value = column[index];
      if (value !== null && value !== undefined) candidate[field] = value;
    }
    for (const [field, value] of shared) candidate[field] = value;
    if (deriveScore) {
      const { load, capacity, eligible } = candidate;
      candidate['score'] = derivedScore(Number(load), Number(capacity), eligible === true);
    }
    return candidate as unknown as AssignmentCandidate;
  });
  return { strategy: stored.strategy, winner: stored.winner, candidates };
}

/** Whether a stored reason is the v2/v3 (columns) form rather than v1 (one object per candidate). */
export function isStoredReason(reason: unknown): reason is StoredAssignmentReason {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    typeof (reason as { candidateColumns?: unknown }).candidateColumns === 'object'
  );
}

/** A consultation event as read from the store: type, schema version, data. */
export interface VersionedEvent {
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
}

/**
 * Upcaster to `ConsultationAssigned` v5: v1 (one object per candidate) is packed; v2 (every field
 * a column) already is a v3 reason with no shared values; before v4 there is no `acceptTimerId`
 * (a `TimerScheduled` follows in the stream), which v4 allows; before v5 every reason has its
 * scores, which v5 still allows (it may leave least-load's out). So only v1's data changes.
 * Every other event is returned as is.
 */
export function upcastConsultationEvent<E extends VersionedEvent>(event: E): E {
  if (event.type !== 'ConsultationAssigned' || event.version >= 5) return event;
  if (event.version > 1) return { ...event, version: 5 };
  const data = event.data as { readonly reason: AssignmentReason };
  return { ...event, version: 5, data: { ...data, reason: packReason(data.reason) } };
}

/**
 * The public (`consultation.events.v1`) data of a stored `ConsultationAssigned`, any version:
 * the reason with one object per candidate, as the topic's contract has always carried it.
 */
export function publicAssignedData(version: number, data: unknown): unknown {
  const current = upcastConsultationEvent({ type: 'ConsultationAssigned', version, data });
  const stored = current.data as {
    readonly reason: StoredAssignmentReason;
    readonly acceptTimerId?: string;
  };
  // v4's acceptTimerId is published as the TimerScheduled the topic has always carried.
  const { acceptTimerId: _published, ...rest } = stored;
  return { ...rest, reason: unpackReason(stored.reason) };
}
