import type { Fact } from '../domain/fact';
import type { FactQuery, FactStore, PartitionPosition } from './fact-store.port';

/** FactStore in memory: for tests and for the user/metrics logic's unit tests. */
export class InMemoryFactStore implements FactStore {
  private readonly facts = new Map<string, Fact>();
  private readonly offsets = new Map<string, PartitionPosition>();

  append(facts: readonly Fact[], positions: readonly PartitionPosition[]): Promise<void> {
    for (const fact of facts) if (!this.facts.has(fact.id)) this.facts.set(fact.id, fact);
    for (const position of positions) {
      const key = `${position.topic}\u0000${position.partition}`;
      const stored = this.offsets.get(key);
      if (stored === undefined || BigInt(position.offset) > BigInt(stored.offset)) {
        this.offsets.set(key, position);
      }
    }
    return Promise.resolve();
  }

  positions(): Promise<PartitionPosition[]> {
    return Promise.resolve([...this.offsets.values()]);
  }

  find(query: FactQuery): Promise<Fact[]> {
    return Promise.resolve(this.matching(query).sort(compareFacts));
  }

  subjects(query: FactQuery): Promise<string[]> {
    return Promise.resolve([...new Set(this.matching(query).map((fact) => fact.subject))].sort());
  }

  count(): Promise<number> {
    return Promise.resolve(this.facts.size);
  }

  reset(): Promise<void> {
    this.facts.clear();
    this.offsets.clear();
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
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
