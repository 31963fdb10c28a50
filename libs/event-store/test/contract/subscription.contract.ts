import { describe, expect, it } from 'vitest';
import type { EventData, RecordedEvent } from '../../src/event-store.port';
import {
  anEvent,
  collect,
  endOfAll,
  eventually,
  ids,
  sleep,
  someEvents,
  uniqueTag,
  type StoreGetter,
} from './contract.fixtures';

/** Catch-up subscriptions: from a checkpoint, through the switch to live, to stop and failure. */
export function describeSubscriptionContract(store: StoreGetter): void {
  describe('subscribeToAll', () => {
    it('from a checkpoint mid-stream, while appends continue, delivers every later event once, in order', async () => {
      const prefix = `sub${uniqueTag()}-`;
      const start = await endOfAll(store());
      const before: EventData[] = [];
      for (let n = 0; n < 30; n++) {
        const batch = someEvents(1 + (n % 3));
        await store().appendToStream(`${prefix}${n % 4}`, batch);
        before.push(...batch);
      }
      const history = await store().readAll({ after: start, filter: { streamPrefixes: [prefix] } });
      const checkpoint = history[24]!.position;

      const { events, subscription } = collect(store(), checkpoint, { streamPrefixes: [prefix] });
      // Appends keep landing while the subscription catches up and goes live.
      const during: EventData[] = [];
      for (let n = 0; n < 60; n++) {
        const batch = someEvents(1 + (n % 2));
        await store().appendToStream(`${prefix}${n % 5}`, batch);
        during.push(...batch);
        if (n % 10 === 0) await sleep(5);
      }
      const expected = [...ids(history.slice(25)), ...ids(during)];
      await eventually(() => events.length >= expected.length, `${expected.length} events`);
      await sleep(100); // anything delivered twice would show up now
      await subscription.stop();

      expect(ids(events)).toEqual(expected);
      for (let n = 1; n < events.length; n++) {
        expect(events[n]!.position).toBeGreaterThan(events[n - 1]!.position);
      }
      expect(before.length).toBe(history.length);
    });

    it('from the current end, delivers only new events, filtered by event type', async () => {
      const tag = uniqueTag();
      const start = await endOfAll(store());
      const { events, subscription } = collect(store(), start, { eventTypes: [`Live${tag}`] });
      await sleep(20);
      const live = [anEvent(`Live${tag}`), anEvent(`Live${tag}`)];
      await store().appendToStream(`live${tag}-1`, [live[0]!, anEvent(`Ignored${tag}`)]);
      await store().appendToStream(`live${tag}-2`, [live[1]!]);

      await eventually(() => events.length >= 2, 'two live events');
      await sleep(50);
      await subscription.stop();
      expect(ids(events)).toEqual(ids(live));
    });

    it('awaits the handler: one event at a time', async () => {
      const prefix = `slow${uniqueTag()}-`;
      const start = await endOfAll(store());
      await store().appendToStream(`${prefix}1`, someEvents(5));
      let running = 0;
      let maxRunning = 0;
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribeToAll(
        { after: start, filter: { streamPrefixes: [prefix] } },
        async (event) => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await sleep(5);
          seen.push(event);
          running -= 1;
        },
      );
      await eventually(() => seen.length === 5, 'five slow events');
      await subscription.stop();
      expect(maxRunning).toBe(1);
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('stop() ends delivery and resolves done', async () => {
      const prefix = `stop${uniqueTag()}-`;
      const start = await endOfAll(store());
      const { events, subscription } = collect(store(), start, { streamPrefixes: [prefix] });
      await store().appendToStream(`${prefix}1`, [anEvent()]);
      await eventually(() => events.length === 1, 'the first event');

      await subscription.stop();
      await expect(subscription.done).resolves.toBeUndefined();
      await store().appendToStream(`${prefix}1`, [anEvent()]);
      await sleep(150);
      expect(events).toHaveLength(1);
    });

    it('a throwing handler stops the subscription and rejects done with its error', async () => {
      const prefix = `fail${uniqueTag()}-`;
      const start = await endOfAll(store());
      await store().appendToStream(`${prefix}1`, someEvents(3));
      const failure = new Error('projection failed');
      const seen: number[] = [];
      const subscription = store().subscribeToAll(
        { after: start, filter: { streamPrefixes: [prefix] } },
        (event) => {
          seen.push(event.revision);
          if (event.revision === 1) throw failure;
        },
      );

      await expect(subscription.done).rejects.toBe(failure);
      await store().appendToStream(`${prefix}1`, [anEvent()]);
      await sleep(100);
      expect(seen).toEqual([0, 1]);
      await expect(subscription.stop()).resolves.toBeUndefined();
    });
  });
}
