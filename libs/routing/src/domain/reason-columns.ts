/** One candidate field's values, in agent id order; `null` where a candidate has no value. */
export type ReasonColumn = readonly (string | number | boolean | null)[];

/** A candidate field's value where every candidate has the same one. */
export type ReasonConstant = string | number | boolean;

/** A reason's candidates: the fields that vary as columns, the ones they share once. */
export interface ReasonCandidates {
  readonly candidateColumns: Readonly<Record<string, ReasonColumn>>;
  /** Absent when no field is shared (and in reasons stored before D44). */
  readonly candidateConstants?: Readonly<Record<string, ReasonConstant>>;
}

/**
 * Always columns: `agentId` keeps the candidates' count in the data; `load` and `score` are
 * what each decision saw and change with every assignment, so looking for a shared value in
 * them per assignment would cost more than it saves.
 */
const ALWAYS_COLUMNS = new Set(['agentId', 'load', 'score']);

/**
 * Splits candidate columns into those that vary and the fields every candidate shares, stored
 * once (ConsultationAssigned v3, D44): with 50 candidates, `capacity`, `weight` and `eligible`
 * are usually the same for all, and wrote 50 copies each per assignment. Lossless: a field
 * some candidate lacks (a `null` in its column) stays a column, as do `ALWAYS_COLUMNS`.
 */
export function splitConstantColumns(
  columns: Readonly<Record<string, ReasonColumn>>,
): ReasonCandidates {
  const varying: Record<string, ReasonColumn> = {};
  let constants: Record<string, ReasonConstant> | undefined;
  for (const field in columns) {
    const column = columns[field]!;
    const shared = ALWAYS_COLUMNS.has(field) ? null : sharedValue(column);
    if (shared === null) {
      varying[field] = column;
    } else {
      constants ??= {};
      constants[field] = shared;
    }
  }
  if (constants === undefined) return { candidateColumns: varying };
  return { candidateColumns: varying, candidateConstants: constants };
}

/** The value every entry has, or null (also for an empty column: nothing to share). */
function sharedValue(column: ReasonColumn): ReasonConstant | null {
  const first = column[0];
  if (first === undefined || first === null) return null;
  for (let i = 1; i < column.length; i++) if (column[i] !== first) return null;
  return first;
}
