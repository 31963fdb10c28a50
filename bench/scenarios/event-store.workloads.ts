import { NO_STREAM, SqliteEventStore, type ExpectedRevision } from '@switchboard/event-store';
// Not public API: the baseline must open its file exactly as the adapter does.
import { configureConnection, ensureSchema } from '../../libs/event-store/src/sqlite/sqlite.schema';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/*
 * The workloads of the event-store benchmark. Store and raw baseline write the same rows (one
 * realistic chat message event with metadata, a fresh UUID each) into the same schema with the
 * same pragmas (WAL, synchronous=FULL), so the ratio measures the adapter, not SQLite.
 */

const INSERT =
  'INSERT INTO events (id, stream_id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** Stream numbers as the adapter keeps them (D49): a `streams` row per stream, made on first use. */
function streamNumbers(db: Database.Database): (streamId: string) => number {
  const create = db.prepare('INSERT INTO streams (stream_id) VALUES (?)');
  const known = new Map<string, number>();
  return (streamId) => {
    let num = known.get(streamId);
    if (num === undefined) {
      num = Number(create.run(streamId).lastInsertRowid);
      known.set(streamId, num);
    }
    return num;
  };
}
const TYPE = 'MessagePosted';
const METADATA = {
  correlationId: randomUUID(),
  causationId: randomUUID(),
  userId: 'customer-4711',
};

function messageData(seq: number): unknown {
  return {
    conversationId: 'c0a8012e-7d1f-4e8b-9a55-2f0c3b1d9e77',
    seq,
    senderId: 'customer-4711',
    senderRole: 'customer',
    type: 'text',
    text: 'Hello, could you move my booking to next Tuesday? The confirmation number is ABC123.',
  };
}

export interface Throughput {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly transactions?: number;
}

function throughput(count: number, startedAt: number, transactions?: number): Throughput {
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    count,
    seconds,
    perSecond: count / seconds,
    ...(transactions === undefined ? {} : { transactions }),
  };
}

/**
 * `writers` concurrent writers, each appending single events to its own stream with an exact
 * expected revision, until `total` appends or `maxMs` (whichever first).
 */
export async function storeAppends(
  filename: string,
  writers: number,
  total: number,
  maxMs: number,
): Promise<Throughput> {
  const store = await SqliteEventStore.open({ filename, pollIntervalMs: 0 });
  const perWriter = Math.ceil(total / writers);
  const deadline = performance.now() + maxMs;
  let count = 0;
  let stop = false;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const streamId = `bench-${writer}`;
      let expectedRevision: ExpectedRevision = NO_STREAM;
      for (let n = 0; n < perWriter && !stop; n++) {
        const event = { id: randomUUID(), type: TYPE, data: messageData(n), metadata: METADATA };
        const result = await store.appendToStream(streamId, [event], { expectedRevision });
        expectedRevision = result.nextExpectedRevision;
        count += 1;
        if ((count & 127) === 0 && performance.now() > deadline) stop = true;
      }
    }),
  );
  const result = throughput(count, startedAt, store.stats.transactions);
  await store.close();
  return result;
}

function openRaw(filename: string): Database.Database {
  const db = new Database(filename);
  configureConnection(db);
  ensureSchema(db);
  return db;
}

/** better-sqlite3 alone: the same rows, `rowsPerTransaction` per transaction, over 100 streams. */
export function rawAppends(
  filename: string,
  rowsPerTransaction: number,
  total: number,
  maxMs: number,
): Throughput {
  const db = openRaw(filename);
  const insert = db.prepare(INSERT);
  const numberOf = streamNumbers(db);
  const revisions = new Array<number>(100).fill(-1);
  const write = db.transaction((first: number) => {
    const now = Date.now();
    for (let n = first; n < first + rowsPerTransaction; n++) {
      const stream = n % 100;
      revisions[stream]! += 1;
      const data = JSON.stringify(messageData(n));
      insert.run(
        randomUUID(),
        `raw-${stream}`,
        numberOf(`raw-${stream}`),
        revisions[stream],
        TYPE,
        data,
        JSON.stringify(METADATA),
        now,
      );
    }
  });
  const deadline = performance.now() + maxMs;
  const startedAt = performance.now();
  let count = 0;
  let transactions = 0;
  while (count < total && performance.now() < deadline) {
    write(count);
    count += rowsPerTransaction;
    transactions += 1;
  }
  const result = throughput(count, startedAt, transactions);
  db.close();
  return result;
}

/** Fills a fresh file with `count` events over 1,000 streams, fast (not measured). */
export function prepareLog(filename: string, count: number): void {
  const db = openRaw(filename);
  db.pragma('synchronous = OFF'); // generation only: nothing here is measured
  const insert = db.prepare(INSERT);
  const numberOf = streamNumbers(db);
  const metadata = JSON.stringify(METADATA);
  const chunk = db.transaction((first: number, last: number) => {
    const now = Date.now();
    for (let n = first; n < last; n++) {
      insert.run(
        randomUUID(),
        `conversation-${n % 1000}`,
        numberOf(`conversation-${n % 1000}`),
        Math.floor(n / 1000),
        TYPE,
        JSON.stringify(messageData(n)),
        metadata,
        now,
      );
    }
  });
  for (let first = 0; first < count; first += 50_000) chunk(first, Math.min(count, first + 50_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Sequential raw read of every row, parsing data and metadata like the store does. */
export function rawRead(filename: string): Throughput {
  const db = openRaw(filename);
  const select = db.prepare(
    'SELECT position, id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
  );
  const startedAt = performance.now();
  let count = 0;
  let checksum = 0;
  for (const row of select.iterate() as Iterable<{ data: string; metadata: string }>) {
    const data = JSON.parse(row.data) as { seq: number };
    const metadata = JSON.parse(row.metadata) as { userId: string };
    checksum += data.seq + metadata.userId.length;
    count += 1;
  }
  const result = throughput(count, startedAt);
  db.close();
  if (checksum === 0) throw new Error('nothing read');
  return result;
}

/**
 * The fastest plain read we know: pages of 1,000 by position in raw (array) mode, parsing the
 * same JSON. A stricter reference than `iterate()`, which pays a native call per row.
 */
export function rawPagedRead(filename: string): Throughput {
  const db = openRaw(filename);
  const page = db
    .prepare(
      'SELECT position, id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT 1000',
    )
    .raw(true);
  const startedAt = performance.now();
  let count = 0;
  let checksum = 0;
  let after = 0;
  for (;;) {
    const rows = page.all(after) as Array<
      [number, string, string, number, string, string, string, number]
    >;
    if (rows.length === 0) break;
    for (const row of rows) {
      const data = JSON.parse(row[5]) as { seq: number };
      const metadata = JSON.parse(row[6]) as { userId: string };
      checksum += data.seq + metadata.userId.length;
    }
    count += rows.length;
    after = rows[rows.length - 1]![0];
  }
  const result = throughput(count, startedAt);
  db.close();
  if (checksum === 0) throw new Error('nothing read');
  return result;
}

/** A catch-up subscription from the start of `$all` to its `expected`-th event. */
export async function subscriptionRead(filename: string, expected: number): Promise<Throughput> {
  const store = await SqliteEventStore.open({ filename, pollIntervalMs: 0 });
  let count = 0;
  let checksum = 0;
  const startedAt = performance.now();
  await new Promise<void>((resolve, reject) => {
    const subscription = store.subscribeToAll({}, (event) => {
      checksum += (event.data as { seq: number }).seq + String(event.metadata.userId).length;
      count += 1;
      if (count === expected) void subscription.stop().then(resolve, reject);
    });
    subscription.done.catch(reject);
  });
  const result = throughput(count, startedAt);
  await store.close();
  if (checksum === 0) throw new Error('nothing read');
  return result;
}
