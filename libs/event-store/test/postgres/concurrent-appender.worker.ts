/**
 * Child process of the two-process test in `postgres.event-store.spec.ts`: opens its own
 * PostgresEventStore (own pool, own LISTEN connection), waits for "go" from the parent so both
 * processes start together, then appends `count` single-event batches to one stream from
 * several concurrent lanes: even events with `any`, odd events with an exact expected revision,
 * retried on WrongExpectedRevisionError with the actual revision the error reports.
 *
 * argv: connectionString schema streamId count workerName
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../../src/event-store.errors';
import type { ExpectedRevision } from '../../src/event-store.port';
import { PostgresEventStore } from '../../src/postgres/postgres.event-store';

const LANES = 8;

async function main(): Promise<void> {
  const [connectionString, schema, streamId, countText, worker] = process.argv.slice(2);
  const count = Number(countText);
  const store = await PostgresEventStore.open({ connectionString, schema, poolSize: LANES });
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!({ ready: true });
  });

  let next = 0;
  let retries = 0;
  const started = Date.now();
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const event = { id: randomUUID(), type: 'appended', data: { worker, i } };
      if (i % 2 === 0) {
        await store.appendToStream(streamId, [event], { expectedRevision: 'any' });
        continue;
      }
      const last = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      let expected: ExpectedRevision = last.length === 0 ? 'no_stream' : last[0].revision;
      for (;;) {
        try {
          await store.appendToStream(streamId, [event], { expectedRevision: expected });
          break;
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          retries++;
          expected = error.actual === -1 ? 'no_stream' : error.actual;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  const elapsedMs = Date.now() - started;
  await store.close();
  process.send!({ done: true, worker, count, retries, elapsedMs }, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
