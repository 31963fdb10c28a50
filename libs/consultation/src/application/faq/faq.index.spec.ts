import { handleCommand } from '@switchboard/es-core';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaqChange, type FaqCommand, faqDecider, faqStream } from '../../domain/faq';
import { FaqIndex } from './faq.index';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('FaqIndex over the event store', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
  });
  afterAll(() => store.close());

  const write = (domain: string, change: FaqChange) =>
    handleCommand(store, faqStream(domain), faqDecider, {
      ...change,
      metadata: { commandId: randomUUID(), now: new Date('2026-12-04T10:00:00Z') },
    } as FaqCommand);
  const refund = (domain: string) => ({
    domain,
    entryId: 'refund',
    question: 'How do I get a refund?',
    answer: 'Within 7 days.',
    keywords: ['money back'],
  });

  it('catches up on start, follows live writes, and a restart rebuilds the same index', async () => {
    const domain = `d-${randomUUID().slice(0, 8)}`;
    await write(domain, { type: 'addFaqEntry', data: refund(domain) });
    const index = new FaqIndex(store);
    await index.onApplicationBootstrap();
    expect(index.match(domain, 'money back').map((m) => m.entryId)).toEqual(['refund']);

    await write(domain, {
      type: 'addFaqEntry',
      data: { domain, entryId: 'bag', question: 'Baggage allowance?', answer: '23 kg' },
    });
    await write(domain, { type: 'removeFaqEntry', data: { domain, entryId: 'refund' } });
    await until(() => index.match(domain, 'baggage').length === 1);
    await until(() => index.match(domain, 'money back refund').length === 0);
    await index.beforeApplicationShutdown();

    const restarted = new FaqIndex(store);
    await restarted.onApplicationBootstrap();
    expect(restarted.checkpoint).toBe(index.checkpoint);
    expect(restarted.match(domain, 'baggage').map((m) => m.entryId)).toEqual(['bag']);
    expect(restarted.match(domain, 'money back refund')).toEqual([]);
    await restarted.beforeApplicationShutdown();
  });

  it('applying the same event twice leaves one document', async () => {
    const domain = `d-${randomUUID().slice(0, 8)}`;
    const index = new FaqIndex(store);
    const event = { type: 'FaqEntryAdded', data: { ...refund(domain), alternativeQuestions: [] } };
    index.apply(event);
    index.apply(event);
    expect(index.match(domain, 'refund')).toHaveLength(1);
  });
});
