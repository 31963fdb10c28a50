import { type RecordedEvent } from '@switchboard/event-store';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { describe, expect, it } from 'vitest';
import { ConsultationsProjection } from '../src/application/consultations-view/consultations.projection';

const opened = (id: string, position: number, customerId = 'c-1'): RecordedEvent => ({
  id: `e-${position}`,
  streamId: `consultation-${id}`,
  type: 'ConsultationOpened',
  revision: 0,
  position,
  data: {
    consultationId: id,
    customerId,
    domain: 'travel',
    group: null,
    subject: null,
    context: {},
    conversationId: `conv-${id}`,
    at: '2026-12-04T10:00:00.000Z',
  },
  metadata: { version: 1 },
  recordedAt: new Date(0),
});

describe('ConsultationsProjection', () => {
  it('applies each position once: a redelivered or older event changes nothing', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    const view = new ConsultationsProjection(store);
    view.apply(opened('a', 1));
    view.apply(opened('a', 1));
    view.apply(opened('b', 3));
    view.apply(opened('c', 2)); // behind the checkpoint: ignored
    expect(view.checkpoint).toBe(3);
    const page = view.listConsultations(() => true, 10);
    expect(page.items.map((c) => c.consultationId)).toEqual(['b', 'a']);
    expect(view.consultation('a')).toMatchObject({ status: 'pending', customerId: 'c-1' });
    await store.close();
  });

  it('pages newest first by the position of the open', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    const view = new ConsultationsProjection(store);
    for (let i = 1; i <= 5; i++) view.apply(opened(`c${i}`, i * 10));
    const first = view.listConsultations(() => true, 2);
    expect(first).toEqual({
      items: [
        expect.objectContaining({ consultationId: 'c5' }),
        expect.objectContaining({ consultationId: 'c4' }),
      ],
      nextCursor: '40',
    });
    const rest = view.listConsultations(() => true, 3, 40);
    expect(rest.items.map((c) => c.consultationId)).toEqual(['c3', 'c2', 'c1']);
    expect(rest.nextCursor).toBeNull();
    await store.close();
  });

  it('rebuilds from the store on bootstrap and follows live appends until shutdown', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    const append = (id: string) =>
      store.appendToStream(`consultation-${id}`, [
        {
          id: crypto.randomUUID(),
          type: 'ConsultationOpened',
          data: opened(id, 0).data,
          metadata: { version: 1 },
        },
      ]);
    await append('old');
    const view = new ConsultationsProjection(store);
    view.onApplicationBootstrap();
    await append('new');
    await expect.poll(() => view.listConsultations(() => true, 10).items.length).toBe(2);
    await view.beforeApplicationShutdown();
    await append('after');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(view.consultation('after')).toBeUndefined();
    await store.close();
  });
});
