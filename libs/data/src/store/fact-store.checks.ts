import type { Fact } from '../domain/fact';
import type { FactQuery, PartitionPosition } from './fact-store.port';

/** A caller handed an adapter something no adapter can store (a programming error, not input). */
export class InvalidFactStoreInputError extends Error {
  readonly code = 'INVALID_FACT_STORE_INPUT' as const;

  constructor(message: string) {
    super(message);
    this.name = 'InvalidFactStoreInputError';
  }
}

/** Thrown by every call after `close()`. */
export class FactStoreClosedError extends Error {
  readonly code = 'FACT_STORE_CLOSED' as const;
  constructor() {
    super('The fact store is closed');
    this.name = 'FactStoreClosedError';
  }
}

const OFFSET = /^(0|[1-9][0-9]{0,18})$/;

/** Offsets are Kafka's non-negative 64-bit integers, written in decimal. */
export function checkPositions(positions: readonly PartitionPosition[]): void {
  for (const position of positions) {
    if (typeof position.topic !== 'string' || position.topic.length === 0) {
      throw new InvalidFactStoreInputError('position: topic must be a non-empty string');
    }
    if (!Number.isInteger(position.partition) || position.partition < 0) {
      throw new InvalidFactStoreInputError(`position ${position.topic}: bad partition`);
    }
    if (
      typeof position.offset !== 'string' ||
      !OFFSET.test(position.offset) ||
      BigInt(position.offset) > 9_223_372_036_854_775_807n
    ) {
      throw new InvalidFactStoreInputError(
        `position ${position.topic}:${position.partition}: offset must be a decimal int64, got ${String(position.offset)}`,
      );
    }
  }
}

export function checkFacts(facts: readonly Fact[]): void {
  for (const fact of facts) {
    if (typeof fact.id !== 'string' || fact.id.length === 0) {
      throw new InvalidFactStoreInputError('fact: id must be a non-empty string');
    }
    if (typeof fact.subject !== 'string' || typeof fact.kind !== 'string') {
      throw new InvalidFactStoreInputError(`fact ${fact.id}: subject and kind must be strings`);
    }
    if (typeof fact.at !== 'string' || !Number.isInteger(fact.revision)) {
      throw new InvalidFactStoreInputError(`fact ${fact.id}: bad at or revision`);
    }
    if (typeof fact.data !== 'object' || fact.data === null || Array.isArray(fact.data)) {
      throw new InvalidFactStoreInputError(`fact ${fact.id}: data must be an object`);
    }
  }
}

/**
 * Positions merged per (topic, partition), keeping the highest offset, so one statement per
 * partition does the job and the statements never disagree within a transaction.
 */
export function highestPositions(positions: readonly PartitionPosition[]): PartitionPosition[] {
  const byKey = new Map<string, PartitionPosition>();
  for (const position of positions) {
    const key = `${position.topic}\u0000${position.partition}`;
    const stored = byKey.get(key);
    if (stored === undefined || BigInt(position.offset) > BigInt(stored.offset)) {
      byKey.set(key, position);
    }
  }
  return [...byKey.values()];
}

/**
 * The exclusive upper bound of the strings starting with `prefix`, so an index range can serve a
 * prefix filter: the prefix with its last character incremented. Undefined when that character
 * is a surrogate (the caller then scans from the prefix and filters).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  if (prefix.length === 0) return undefined;
  const last = prefix.charCodeAt(prefix.length - 1);
  if (last >= 0xd7ff) return undefined;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** Whether a query can only match nothing (an empty subject or kind list). */
export function matchesNothing(query: FactQuery): boolean {
  return query.subjects?.length === 0 || query.kinds?.length === 0;
}
