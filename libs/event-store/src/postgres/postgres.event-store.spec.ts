import { POSTGRES, TEST_DATABASE_URL, testSchemas } from '@switchboard/testing/postgres.infra';
import { realInfraAvailable } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEventStoreContract } from '../../test/contract/event-store.contract';
import type { RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres.event-store';
import { listenerApplicationName, poolApplicationName } from './postgres.schema';
import { runConcurrentAppenders } from '../../test/postgres/concurrent-appenders.helper';

const connectionString = TEST_DATABASE_URL;

/** How long a wake-up through NOTIFY may take: far below the 60 s fallback poll these tests set. */
const NOTIFY_DEADLINE_MS = 10_000;

const postgres = POSTGRES;

// Async factory: Vitest awaits it while collecting, so the probe decides skip-or-run.
describe('PostgresEventStore', async () => {
  const available = await realInfraAvailable(postgres);
  describe.skipIf(!available)('against a real server', () => {
    const schemas = testSchemas('es_test');
    const freshSchema = (): string => schemas.next();

    /** Kills sessions of a schema's stores, as an admin or a server restart would. */
    async function terminateSessions(applicationNames: string[]): Promise<number> {
      const client = new Client({ connectionString });
      await client.connect();
      try {
        const killed = await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE application_name = ANY($1::text[])`,
          [applicationNames],
        );
        return killed.rowCount ?? 0;
      } finally {
        await client.end();
      }
    }

    afterAll(() => schemas.dropAll());

    describeEventStoreContract(
      'postgres',
      () =>
        PostgresEventStore.open({ connectionString, schema: freshSchema(), pollIntervalMs: 1_000 }),
      { appendToStreams: true },
    );

    it('creates its schema idempotently when several stores open it at once', async () => {
      const schema = freshSchema();
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => PostgresEventStore.open({ connectionString, schema })),
      );
      await stores[0].appendToStream('s-1', [{ id: randomUUID(), type: 't', data: {} }]);
      expect(await stores[3].readStream('s-1')).toHaveLength(1);
      await Promise.all(stores.map((store) => store.close()));
    });

    it('wakes a subscription in one store on an append through another store, via NOTIFY', async () => {
      const schema = freshSchema();
      // The fallback poll is a minute: only NOTIFY can deliver within the test's deadline. The
      // deadline (10 s) stays far below the poll, yet leaves a loaded CI machine (Kafka and
      // PostgreSQL on two cores) room that a 2 s bound did not.
      const reader = await PostgresEventStore.open({
        connectionString,
        schema,
        pollIntervalMs: 60_000,
      });
      const writer = await PostgresEventStore.open({
        connectionString,
        schema,
        pollIntervalMs: 60_000,
      });
      const seen: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll({}, (event) => void seen.push(event));
      try {
        for (let round = 0; round < 3; round++) {
          const id = randomUUID();
          const started = Date.now();
          await writer.appendToStream(`notified-${round}`, [
            { id, type: 'pinged', data: { round } },
          ]);
          await expect
            .poll(() => seen.map((event) => event.id), { timeout: NOTIFY_DEADLINE_MS })
            .toContain(id);
          expect(Date.now() - started).toBeLessThan(NOTIFY_DEADLINE_MS);
        }
        // The server kills the LISTEN sessions; they reconnect, re-LISTEN and wake subscribers.
        expect(await terminateSessions([listenerApplicationName(schema)])).toBeGreaterThanOrEqual(
          2,
        );
        const id = randomUUID();
        await writer.appendToStream('after-reconnect', [{ id, type: 'pinged', data: {} }]);
        await expect
          .poll(() => seen.map((event) => event.id), { timeout: NOTIFY_DEADLINE_MS })
          .toContain(id);
        expect(seen.map((event) => event.position)).toEqual([1, 2, 3, 4]);
      } finally {
        await subscription.stop();
        await Promise.all([reader.close(), writer.close()]);
      }
    }, 60_000);

    it('keeps a subscription and appends going when the server kills every session', async () => {
      const schema = freshSchema();
      const store = await PostgresEventStore.open({
        connectionString,
        schema,
        pollIntervalMs: 60_000,
      });
      const seen: string[] = [];
      const subscription = store.subscribeToAll({}, (event) => void seen.push(event.id));
      try {
        const first = randomUUID();
        await store.appendToStream('survivor', [{ id: first, type: 't', data: {} }]);
        await expect.poll(() => seen, { timeout: NOTIFY_DEADLINE_MS }).toEqual([first]);

        const names = [poolApplicationName(schema), listenerApplicationName(schema)];
        expect(await terminateSessions(names)).toBeGreaterThanOrEqual(2);

        // The pool drops its dead sessions; an append that met one fails, and its retry (same id)
        // succeeds; the reconnected listener wakes the subscription.
        const second = randomUUID();
        const append = () =>
          store.appendToStream('survivor', [{ id: second, type: 't', data: {} }]);
        const result = await append().catch(append);
        expect(result.nextExpectedRevision).toBe(1);
        await expect.poll(() => seen, { timeout: NOTIFY_DEADLINE_MS }).toEqual([first, second]);
      } finally {
        await subscription.stop();
        await store.close();
      }
      await expect(subscription.done).resolves.toBeUndefined();
    });

    it('keeps revisions dense when two processes append to one stream at once', async () => {
      const schema = freshSchema();
      const perProcess = 500;
      const store = await PostgresEventStore.open({
        connectionString,
        schema,
        pollIntervalMs: 60_000,
      });
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({}, (event) => void seen.push(event));
      try {
        const streamId = `contended-${randomUUID()}`;
        const started = Date.now();
        const reports = await runConcurrentAppenders(
          connectionString,
          schema,
          streamId,
          perProcess,
          ['a', 'b'],
        );
        const elapsedMs = Date.now() - started;
        const total = perProcess * reports.length;
        console.info(
          `[postgres] ${total} concurrent single-event appends to one stream from 2 processes: ` +
            `${Math.max(...reports.map((r) => r.elapsedMs))} ms in the children ` +
            `(${elapsedMs} ms incl. process start), ` +
            `${reports.reduce((sum, r) => sum + r.retries, 0)} expected-revision retries`,
        );

        const events = await store.readStream(streamId);
        expect(events.map((event) => event.revision)).toEqual(
          Array.from({ length: total }, (_, i) => i),
        );
        expect(new Set(events.map((event) => event.id)).size).toBe(total);
        const positions = events.map((event) => event.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        for (const worker of ['a', 'b']) {
          const mine = events.filter(
            (event) => (event.data as { worker: string }).worker === worker,
          );
          expect(mine).toHaveLength(perProcess);
        }

        await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(total);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(seen.map((event) => event.id)).toEqual(events.map((event) => event.id));
      } finally {
        await subscription.stop();
        await store.close();
      }
    }, 90_000);
  });
});
