import type { AppendResult, ExpectedRevision } from '../event-store.port';

/** One append, validated, its JSON already serialized. */
export interface AppendRequest {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly ids: readonly string[];
  /** [id, type, data JSON, metadata JSON] per event. */
  readonly rows: ReadonlyArray<readonly [string, string, string, string]>;
}

/** Several appends to be written all or nothing (`appendToStreams`). */
export interface AtomicAppendRequest {
  readonly atomic: readonly AppendRequest[];
}

export type WriteRequest = AppendRequest | AtomicAppendRequest;

/** What became of one append of a batch: its result, or the error it alone fails with. */
export type AppendOutcome = AppendResult | Error;

/** An atomic request's results, or the error of the append that refused the whole group. */
export type WriteOutcome = AppendOutcome | AppendResult[];

/** Thrown inside a group's SAVEPOINT so that it rolls back; carries the refusing append's error. */
export class GroupRefused extends Error {
  constructor(readonly refusal: Error) {
    super(refusal.message);
  }
}
