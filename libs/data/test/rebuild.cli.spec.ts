import { type Envelope } from '@switchboard/contracts';
import { SqliteEventStore } from '@switchboard/event-store';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DataProjector } from '../src/projection/data.projector';
import { InMemoryFactStore } from '../src/store/in-memory.fact-store';
import { SqliteFactStore } from '../src/store/sqlite.fact-store';
import { dayTraffic } from './support/day-traffic';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

describe('npm run data:rebuild (scripts/data/rebuild.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-rebuild-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the SQLite read model from the embedded event store and prints a summary', async () => {
    const messages = dayTraffic({ seed: 5, day: '2026-03-02', consultations: 40, agents: 4 });
    const eventsFile = join(dir, 'events.db');
    const eventStore = await SqliteEventStore.open({ filename: eventsFile });
    for (const message of messages) {
      const envelope = JSON.parse(message.value) as Envelope;
      await eventStore.appendToStream(envelope.streamId, [
        { id: envelope.id, type: envelope.type, data: envelope.data },
      ]);
    }
    await eventStore.close();
    const reference = new InMemoryFactStore();
    await new DataProjector({
      store: reference,
      logger: { warn: () => undefined, error: () => undefined },
    }).applyBatch(messages);

    const dataFile = join(dir, 'data.db');
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/data/rebuild.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          BUS: 'memory',
          EVENT_STORE: 'sqlite',
          SQLITE_FILENAME: eventsFile,
          DATA_STORE: 'sqlite',
          DATA_SQLITE_FILENAME: dataFile,
        },
        timeout: 60_000,
      },
    );
    expect(stdout).toMatch(new RegExp(`${messages.length.toLocaleString('en-US')} messages`));
    const store = await SqliteFactStore.open({ filename: dataFile });
    try {
      expect(await store.find({})).toEqual(await reference.find({}));
    } finally {
      await store.close();
    }
  }, 90_000);
});
