import { type ReasonColumn, splitConstantColumns } from '@switchboard/routing';
import {
  type AssignmentCandidate,
  type AssignmentReason,
  type StoredAssignmentReason,
} from './consultation.events';

type CandidateValue = string | number | boolean;

/** The stored form of a reason (lossless for flat candidates without null values). */
export function packReason(reason: AssignmentReason): StoredAssignmentReason {
  const candidates = reason.candidates as unknown as readonly Readonly<
    Record<string, CandidateValue | undefined>
  >[];
  const fields = new Set<string>();
  for (const candidate of candidates) for (const field in candidate) fields.add(field);
  const columns: Record<string, ReasonColumn> = {};
  for (const field of fields) columns[field] = candidates.map((c) => c[field] ?? null);
  return { strategy: reason.strategy, winner: reason.winner, ...splitConstantColumns(columns) };
}

/** The reason as the router gave it: one object per candidate, fields without a value left out. */
export function unpackReason(stored: StoredAssignmentReason): AssignmentReason {
  const fields = Object.entries(stored.candidateColumns);
  const shared = Object.entries(stored.candidateConstants ?? {});
  const count = fields.reduce((n, [, column]) => Math.max(n, column.length), 0);
  const candidates = Array.from({ length: count }, (_, index) => {
    const candidate: Record<string, CandidateValue> = {};
    for (const [field, column] of fields) {
      const value = column[index];
      if (value !== null && value !== undefined) candidate[field] = value;
    }
    for (const [field, value] of shared) candidate[field] = value;
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
 * Upcaster to `ConsultationAssigned` v4: v1 (one object per candidate) is packed; v2 (every field
 * a column) already is a v3 reason with no shared values; before v4 there is no `acceptTimerId`
 * (a `TimerScheduled` follows in the stream), which v4 allows. So only v1's data changes. Every
 * other event is returned as is.
 */
export function upcastConsultationEvent<E extends VersionedEvent>(event: E): E {
  if (event.type !== 'ConsultationAssigned' || event.version >= 4) return event;
  if (event.version > 1) return { ...event, version: 4 };
  const data = event.data as { readonly reason: AssignmentReason };
  return { ...event, version: 4, data: { ...data, reason: packReason(data.reason) } };
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
