import { SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEventId, repeatsOrder } from './order-placed';
import { OrderWriter } from './order.writer';
import { OrderConflictError } from './orders.errors';

const context = { actor: { userId: 'shop-backend', role: 'admin' as const }, correlationId: 'c-1' };

describe('OrderWriter', () => {
  let store: SqliteEventStore;
  let writer: OrderWriter;
  const clock = new FixedClock('2026-12-04T10:00:00.000Z');
  const order = (overrides: Record<string, unknown> = {}) => ({
    orderId: `ord-${randomUUID().slice(0, 8)}`,
    customerId: 'customer-1',
    domain: 'travel',
    amountMinor: 12_999,
    currency: 'EUR',
    ...overrides,
  });

  beforeAll(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    writer = new OrderWriter(store, clock);
  });
  afterAll(() => store.close());

  it('appends OrderPlaced v1 to order-<orderId> with a derived id and the caller in metadata', async () => {
    const request = order();
    const placed = await writer.place(request, context);
    expect(placed).toEqual({
      created: true,
      order: { ...request, placedAt: '2026-12-04T10:00:00.000Z' },
    });
    const events = await store.readStream(`order-${request.orderId}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: orderEventId(request.orderId),
      type: 'OrderPlaced',
      revision: 0,
      data: placed.order,
      metadata: { version: 1, correlationId: 'c-1', userId: 'shop-backend' },
    });
  });

  it('keeps the given placedAt, normalised to UTC', async () => {
    const request = order({ placedAt: '2026-12-03T23:30:00+01:00' });
    const placed = await writer.place(request, context);
    expect(placed.order.placedAt).toBe('2026-12-03T22:30:00.000Z');
  });

  it('answers a repeated order with the stored one and stores nothing more', async () => {
    const request = order({ domain: null });
    const first = await writer.place(request, context);
    clock.advance(60_000);
    const again = await writer.place(request, context);
    expect(again).toEqual({ created: false, order: first.order });
    expect(await store.readStream(`order-${request.orderId}`)).toHaveLength(1);
  });

  it('refuses other data under a placed order id, changing nothing', async () => {
    const request = order({ placedAt: '2026-12-01T08:00:00Z' });
    await writer.place(request, context);
    for (const change of [
      { amountMinor: 1 },
      { currency: 'USD' },
      { customerId: 'customer-2' },
      { domain: null },
      { placedAt: '2026-12-01T08:00:01Z' },
    ]) {
      await expect(writer.place({ ...request, ...change }, context)).rejects.toBeInstanceOf(
        OrderConflictError,
      );
    }
    await expect(writer.place({ ...request, amountMinor: 2 }, context)).rejects.toMatchObject({
      code: 'ORDER_CONFLICT',
      kind: 'conflict',
    });
    expect(await store.readStream(`order-${request.orderId}`)).toHaveLength(1);
  });

  it('lets two concurrent posts of one order store it once and both succeed', async () => {
    const request = order();
    const results = await Promise.all([
      writer.place(request, context),
      writer.place(request, context),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0].order).toEqual(results[1].order);
    expect(await store.readStream(`order-${request.orderId}`)).toHaveLength(1);
  });
});

describe('repeatsOrder', () => {
  const stored = {
    orderId: 'o-1',
    customerId: 'c-1',
    domain: null,
    amountMinor: 5,
    currency: 'EUR',
    placedAt: '2026-12-01T08:00:00.000Z',
  };

  it('matches any placedAt when the request has none, the same instant in any offset', () => {
    expect(repeatsOrder(stored, { ...stored, placedAt: undefined })).toBe(true);
    expect(repeatsOrder(stored, { ...stored, placedAt: '2026-12-01T09:00:00+01:00' })).toBe(true);
    expect(repeatsOrder(stored, { ...stored, placedAt: '2026-12-01T09:00:00Z' })).toBe(false);
    expect(repeatsOrder(stored, { ...stored, domain: 'travel' })).toBe(false);
  });
});
