import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueStream } from '../../test/contract/contract.fixtures';
import { SqliteCheckpointer } from './sqlite.checkpointer';
import { SqliteEventStore } from './sqlite.event-store';
import { configureConnection, ensureSchema } from './sqlite.schema';
import { useTempFiles } from '../../test/temp-files';

const tempFile = useTempFiles('checkpointer');

const autocheckpoint = (db: Database.Database) =>
  db.pragma('wal_autocheckpoint', { simple: true }) as number;

/** `count` appends of one ~10 KB event each, on streams of their own. */
async function appendBulk(store: SqliteEventStore, count: number): Promise<string[]> {
  const streams = Array.from({ length: count }, () => uniqueStream());
  for (const stream of streams) {
    await store.appendToStream(stream, [
      { id: crypto.randomUUID(), type: 'Bulk', data: { text: 'x'.repeat(10_000), stream } },
    ]);
  }
  return streams;
}

describe('SqliteCheckpointer (D43: WAL checkpoints off the append path)', () => {
  it('turns the writer connection’s autocheckpoint off once its worker is up', async () => {
    const file = tempFile();
    const db = new Database(file);
    configureConnection(db);
    ensureSchema(db);
    expect(autocheckpoint(db)).toBe(1000);
    const checkpointer = await SqliteCheckpointer.start(db, file);
    try {
      expect(checkpointer.stats.background).toBe(true);
      expect(autocheckpoint(db)).toBe(0);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it('leaves SQLite’s autocheckpoint on when the worker cannot open the file', async () => {
    const file = tempFile();
    const db = new Database(file);
    configureConnection(db);
    ensureSchema(db);
    const checkpointer = await SqliteCheckpointer.start(db, join(file, 'missing', 'x.db'));
    try {
      expect(checkpointer.stats.background).toBe(false);
      expect(autocheckpoint(db)).toBe(1000);
      checkpointer.appended(1 << 30); // asks nothing of a worker that is gone
      await checkpointer.idle();
      expect(checkpointer.stats.checkpoints).toBe(0);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it('checkpoints in the worker after about its threshold of appends, the data intact', async () => {
    const file = tempFile();
    const store = await SqliteEventStore.open({ filename: file });
    const streams = await appendBulk(store, 600); // ~6 MB of JSON: past the 4 MiB threshold
    await store.checkpointsIdle();
    const stats = store.checkpointStats!;
    expect(stats.background).toBe(true);
    expect(stats.checkpoints).toBeGreaterThanOrEqual(1);
    expect(stats.lastFrames).toBeGreaterThan(0);
    expect(stats.lastCheckpointed).toBe(stats.lastFrames); // PASSIVE, nobody reading: all of it
    // The frames are in the database file itself now, not only in the WAL.
    expect(statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
    await store.close();

    const reopened = await SqliteEventStore.open({ filename: file });
    try {
      const all = await reopened.readAll({ maxCount: 10_000 });
      expect(all.map((e) => e.streamId)).toEqual(streams);
      expect((all[599]!.data as { text: string }).text).toHaveLength(10_000);
    } finally {
      await reopened.close();
    }
  });

  it('does not checkpoint below its threshold', async () => {
    const store = await SqliteEventStore.open({ filename: tempFile() });
    try {
      await appendBulk(store, 150); // ~1.5 MB of JSON: under the threshold
      await store.checkpointsIdle();
      expect(store.checkpointStats!.checkpoints).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('is not started in memory, nor when turned off', async () => {
    const memory = await SqliteEventStore.open({ filename: ':memory:' });
    const off = await SqliteEventStore.open({ filename: tempFile(), backgroundCheckpoints: false });
    try {
      expect(memory.checkpointStats).toBeUndefined();
      expect(off.checkpointStats).toBeUndefined();
      await appendBulk(off, 10);
      await expect(off.checkpointsIdle()).resolves.toBeUndefined();
    } finally {
      await Promise.all([memory.close(), off.close()]);
    }
  });

  it('closes the store while a checkpoint is under way: the process waits for the worker to exit', () => {
    // A process whose last work is that close: if the checkpoint's reply let go of the worker
    // before it exited, Node would end the process with close() still pending (exit code 0).
    const script = tempFile('close-during-checkpoint');
    writeFileSync(
      `${script}.ts`,
      `
      import { SqliteEventStore } from '${join(__dirname, 'sqlite.event-store')}';
      async function main(): Promise<void> {
        const store = await SqliteEventStore.open({ filename: '${tempFile()}' });
        const text = 'x'.repeat(10_000);
        // One commit past the threshold: it asks the worker for a checkpoint, then we close.
        await store.appendToStreams(
          Array.from({ length: 600 }, (_, i) => ({
            streamId: 'bulk-' + i,
            events: [{ id: crypto.randomUUID(), type: 'Bulk', data: { text } }],
          })),
        );
        await store.close();
        console.log('closed ' + store.checkpointStats?.background);
      }
      void main();
      `,
    );
    const output = execFileSync(process.execPath, ['-r', '@swc-node/register', `${script}.ts`], {
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('closed false');
  });
});
