import { freeShare } from './least-load.strategy';

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

/**
 * Whether a strategy's scores follow from the candidates' other fields, so its reasons are
 * stored without them (D48): least-load ranks by the free share, (capacity - load) / capacity,
 * and scores an ineligible candidate 0. The turn order of `average` and the running weights of
 * `weighted` depend on earlier decisions, so their scores are stored.
 */
export function scoreIsDerived(strategy: string): boolean {
  return strategy === 'least-load';
}

/** The score of a candidate of a strategy whose scores are derived (see `scoreIsDerived`). */
export function derivedScore(load: number, capacity: number, eligible: boolean): number {
  return eligible ? freeShare({ load, capacity }) : 0;
}

/** A candidate's value of `field`, from its column or the shared values. */
export function candidateValue(
  candidates: ReasonCandidates,
  field: string,
  index: number,
): ReasonColumn[number] | undefined {
  const column = candidates.candidateColumns[field];
  return column === undefined ? candidates.candidateConstants?.[field] : column[index];
}

/**
 * `candidates` without `score` when the strategy derives it and every candidate's stored score
 * is the derived one (D48); otherwise unchanged, so a reason that says something else about its
 * scores keeps saying it.
 */
export function withoutDerivedScores(
  strategy: string,
  candidates: ReasonCandidates,
): ReasonCandidates {
  const { candidateColumns: columns, candidateConstants: constants } = candidates;
  const stored = 'score' in columns || (constants !== undefined && 'score' in constants);
  const ids = columns['agentId'];
  if (!stored || !scoreIsDerived(strategy) || ids === undefined) return candidates;
  for (let i = 0; i < ids.length; i++) {
    const load = candidateValue(candidates, 'load', i);
    const capacity = candidateValue(candidates, 'capacity', i);
    const eligible = candidateValue(candidates, 'eligible', i);
    if (typeof load !== 'number' || typeof capacity !== 'number' || typeof eligible !== 'boolean')
      return candidates;
    if (candidateValue(candidates, 'score', i) !== derivedScore(load, capacity, eligible))
      return candidates;
  }
  const { score: _column, ...varying } = columns;
  const { score: _shared, ...shared } = constants ?? {};
  return Object.keys(shared).length === 0
    ? { candidateColumns: varying }
    : { candidateColumns: varying, candidateConstants: shared };
}
