import type { Fact } from '../domain/fact';
import { checkFacts, checkPositions, FactStoreClosedError } from './fact-store.checks';
import type { FactQuery, FactStore, PartitionPosition } from './fact-store.port';

/** FactStore in memory: for tests and for the user/metrics logic's unit tests. */
export class InMemoryFactStore implements FactStore {
  private readonly facts = new Map<string, Fact>();
  private readonly offsets = new Map<string, PartitionPosition>();
  private closed = false;

  async append(facts: readonly Fact[], positions: readonly PartitionPosition[]): Promise<void> {
    // Everything checked before anything is written: an append is all or nothing, like a
    // transaction in the SQL adapters.
    this.assertOpen();
    checkFacts(facts);
    checkPositions(positions);
    for (const fact of facts) if (!this.facts.has(fact.id)) this.facts.set(fact.id, fact);
    for (const position of positions) {
      const key = `${position.topic}\u0000${position.partition}`;
      const stored = this.offsets.get(key);
      if (stored === undefined || BigInt(position.offset) > BigInt(stored.offset)) {
        this.offsets.set(key, position);
      }
    }
    return;
  }

  async positions(): Promise<PartitionPosition[]> {
    this.assertOpen();
    return [...this.offsets.values()];
  }

  async find(query: FactQuery): Promise<Fact[]> {
    this.assertOpen();
    return this.matching(query).sort(compareFacts);
  }

  async subjects(query: FactQuery): Promise<string[]> {
    this.assertOpen();
    return [...new Set(this.matching(query).map((fact) => fact.subject))].sort();
  }

  async count(): Promise<number> {
    this.assertOpen();
    return this.facts.size;
  }

  async reset(): Promise<void> {
    this.assertOpen();
    this.facts.clear();
    this.offsets.clear();
    return;
  }

  async close(): Promise<void> {
    this.closed = true;
    return;
  }

  private assertOpen(): void {
    if (this.closed) throw new FactStoreClosedError();
  }

  private matching(query: FactQuery): Fact[] {
    const subjects = query.subjects === undefined ? undefined : new Set(query.subjects);
    const kinds = query.kinds === undefined ? undefined : new Set(query.kinds);
    return [...this.facts.values()].filter(
      (fact) =>
        (subjects === undefined || subjects.has(fact.subject)) &&
        (query.subjectPrefix === undefined || fact.subject.startsWith(query.subjectPrefix)) &&
        (query.from === undefined || fact.at >= query.from) &&
        (query.to === undefined || fact.at < query.to) &&
        (kinds === undefined || kinds.has(fact.kind)),
    );
  }
}

/** The order every adapter returns facts in: subject, time, stream revision, id. */
export function compareFacts(a: Fact, b: Fact): number {
  return (
    compareText(a.subject, b.subject) ||
    compareText(a.at, b.at) ||
    a.revision - b.revision ||
    compareText(a.id, b.id)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
