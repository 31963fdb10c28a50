import { type FactQuery, InMemoryFactStore } from '@switchboard/data';
import { describe, expect, it } from 'vitest';
import { FactsBuilder } from '../../test/customer-facts.builder';
import { CustomerFactsReader, SUBJECTS_PER_FIND } from './customer-facts.reader';

/** An in-memory store that records each query's subject count, as an SQL adapter would bind them. */
class CountingStore extends InMemoryFactStore {
  readonly subjectCounts: number[] = [];
  override find(query: FactQuery) {
    this.subjectCounts.push(query.subjects?.length ?? 0);
    return super.find(query);
  }
}

describe('CustomerFactsReader', () => {
  it('reads a customer with many consultations in chunks of subjects, missing none', async () => {
    const builder = new FactsBuilder();
    const total = SUBJECTS_PER_FIND * 2 + 1;
    for (let i = 0; i < total; i += 1) {
      builder.opened('2026-01-01T00:00:00.000Z', `K${String(i).padStart(4, '0')}`, 'c-many');
    }
    const store = new CountingStore();
    await store.append(builder.all(), []);
    const facts = await new CustomerFactsReader(store).load('c-many');
    expect(facts.consultations.size).toBe(total);
    expect([...facts.consultations.values()].every((list) => list.length === 1)).toBe(true);
    // One read of the customer's index, then 500 + 500 + 1 consultation subjects.
    expect(store.subjectCounts).toEqual([1, SUBJECTS_PER_FIND, SUBJECTS_PER_FIND, 1]);
  });

  it('keeps facts of other customers and consultations out', async () => {
    const store = new InMemoryFactStore();
    await store.append(
      new FactsBuilder()
        .opened('2026-01-01T00:00:00.000Z', 'KA', 'c-a')
        .opened('2026-01-01T00:00:01.000Z', 'KB', 'c-b')
        .order('c-b', '2026-01-01T00:00:02.000Z', 'o-b', 100)
        .all(),
      [],
    );
    const facts = await new CustomerFactsReader(store).load('c-a');
    expect([...facts.consultations.keys()]).toEqual(['KA']);
    expect(facts.customer.map((fact) => fact.kind)).toEqual(['consultation']);
  });
});
