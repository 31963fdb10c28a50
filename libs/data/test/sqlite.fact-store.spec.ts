import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteFactStore } from '../src/store/sqlite.fact-store';
import { describeFactStoreContract } from './fact-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-facts-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeFactStoreContract('sqlite :memory:', () => SqliteFactStore.open({ filename: ':memory:' }));
describeFactStoreContract('sqlite file', () =>
  SqliteFactStore.open({ filename: join(dir, `facts-${files++}.db`) }),
);

describe('SqliteFactStore on a file', () => {
  it('keeps facts and positions across a reopen', async () => {
    const filename = join(dir, 'nested', 'reopen.db');
    const first = await SqliteFactStore.open({ filename });
    const fact = {
      id: 'f1',
      subject: 'agent:a',
      kind: 'status',
      at: '2026-03-01T00:00:00.000Z',
      revision: 3,
      data: { status: 'online' },
    };
    await first.append([fact], [{ topic: 'agent.events.v1', partition: 2, offset: '41' }]);
    await first.close();
    const second = await SqliteFactStore.open({ filename });
    try {
      expect(await second.find({})).toEqual([fact]);
      expect(await second.positions()).toEqual([
        { topic: 'agent.events.v1', partition: 2, offset: '41' },
      ]);
    } finally {
      await second.close();
    }
  });

  it('writes appends issued in one turn and fails only the one the database refused', async () => {
    const filename = join(dir, 'isolation.db');
    await (await SqliteFactStore.open({ filename })).close();
    // A trigger makes one id fail inside the shared transaction, as a full disk would.
    const raw = new Database(filename);
    raw.exec(`CREATE TRIGGER boom BEFORE INSERT ON facts WHEN NEW.id = 'b'
              BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    raw.close();
    const store = await SqliteFactStore.open({ filename });
    try {
      const good = (id: string) => ({
        id,
        subject: 's:1',
        kind: 'k',
        at: '2026-03-01T00:00:00.000Z',
        revision: 0,
        data: {},
      });
      const results = await Promise.allSettled([
        store.append([good('a')], []),
        store.append([good('b')], [{ topic: 't', partition: 0, offset: '9' }]),
        store.append([good('c')], [{ topic: 't', partition: 0, offset: '3' }]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.find({})).map((f) => f.id)).toEqual(['a', 'c']);
      expect(await store.positions()).toEqual([{ topic: 't', partition: 0, offset: '3' }]);
    } finally {
      await store.close();
    }
  });

  it('refuses a file whose facts table has another layout, naming the fix', async () => {
    const filename = join(dir, 'old-layout.db');
    const raw = new Database(filename);
    raw.exec('CREATE TABLE facts (id TEXT PRIMARY KEY, data TEXT)');
    raw.close();
    await expect(SqliteFactStore.open({ filename })).rejects.toThrow(/npm run data:rebuild/);
  });

  it('bulk load: drops the read indexes, builds them at the end, and a reopen repairs a crash', async () => {
    const filename = join(dir, 'bulk.db');
    const indexes = () => {
      const raw = new Database(filename, { readonly: true });
      try {
        return raw
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts' AND sql IS NOT NULL ORDER BY name",
          )
          .pluck(true)
          .all();
      } finally {
        raw.close();
      }
    };
    const fact = (n: number) => ({
      id: `f${n}`,
      subject: `s:${n % 3}`,
      kind: 'k',
      at: `2026-03-01T00:00:0${n}.000Z`,
      revision: n,
      data: { n },
    });
    const store = await SqliteFactStore.open({ filename });
    await store.beginBulkLoad();
    expect(indexes()).toEqual([]);
    await store.append([fact(1), fact(2), fact(1)], [{ topic: 't', partition: 0, offset: '2' }]);
    await store.endBulkLoad();
    expect(indexes()).toEqual(['facts_at', 'facts_subject_at']);
    expect((await store.find({ subjects: ['s:1'] })).map((f) => f.id)).toEqual(['f1']);
    await store.beginBulkLoad();
    await store.append([fact(3)], []);
    await store.close(); // as if the rebuild died here
    const reopened = await SqliteFactStore.open({ filename });
    try {
      expect(indexes()).toEqual(['facts_at', 'facts_subject_at']);
      expect(await reopened.count()).toBe(3);
    } finally {
      await reopened.close();
    }
  });
});
