import type { Fact } from '../domain/fact';

/** How far one bus partition has been applied: the last offset whose facts are stored. */
export interface PartitionPosition {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset as a decimal string. */
  readonly offset: string;
}

export interface FactQuery {
  /** Only facts of these subjects (exact match). */
  readonly subjects?: readonly string[];
  /** Only subjects starting with this prefix, e.g. `consultation:`. */
  readonly subjectPrefix?: string;
  /** Only facts with `at` in [from, to) (ISO strings compare lexicographically). */
  readonly from?: string;
  readonly to?: string;
  readonly kinds?: readonly string[];
}

/**
 * The data service's read model (port). Adapters: SQLite (embedded default) and PostgreSQL,
 * both passing the ONE contract suite in `libs/data/test/fact-store.contract.ts`.
 */
export interface FactStore {
  /**
   * Stores facts and the partition positions they came from, atomically. A fact whose id is
   * already stored is ignored (redelivery); a position only moves forward.
   */
  append(facts: readonly Fact[], positions: readonly PartitionPosition[]): Promise<void>;
  /** The stored position per (topic, partition). */
  positions(): Promise<PartitionPosition[]>;
  /** Facts matching the query, ordered by (subject, at, revision, id). */
  find(query: FactQuery): Promise<Fact[]>;
  /** Distinct subjects with at least one fact matching the query. */
  subjects(query: FactQuery): Promise<string[]>;
  /** Number of stored facts (for progress and health). */
  count(): Promise<number>;
  /** Drops every fact and position (rebuild). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const FACT_STORE = Symbol('FactStore');
