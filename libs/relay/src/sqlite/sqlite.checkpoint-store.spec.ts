import { SqliteEventStore } from '@switchboard/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCheckpointStoreContract } from '../../test/contract/checkpoint-store.contract';
import { SqliteCheckpointStore } from './sqlite.checkpoint-store';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sharedFile = join(dir, 'nested', 'checkpoints.db');
describeCheckpointStoreContract('sqlite (file)', {
  open: () => SqliteCheckpointStore.open({ filename: sharedFile }),
  persistent: true,
});
describeCheckpointStoreContract('sqlite (:memory:)', {
  open: () => SqliteCheckpointStore.open({ filename: ':memory:' }),
  persistent: false,
});

describe('SqliteCheckpointStore on the event store file', () => {
  it('lives next to the events table, both connections writing, and survives reopening', async () => {
    const filename = join(dir, 'events.db');
    const events = await SqliteEventStore.open({ filename });
    const checkpoints = await SqliteCheckpointStore.open({ filename });
    const streamId = `relay-${randomUUID()}`;
    const appended = await events.appendToStream(streamId, [
      { id: randomUUID(), type: 'Happened', data: {} },
    ]);
    await checkpoints.save('relay', appended.position);
    await events.appendToStream(streamId, [{ id: randomUUID(), type: 'Happened', data: {} }]);
    await checkpoints.close();
    await events.close();

    const reopened = await SqliteCheckpointStore.open({ filename });
    const store = await SqliteEventStore.open({ filename });
    try {
      expect(await reopened.load('relay')).toBe(appended.position);
      expect(await store.readStream(streamId)).toHaveLength(2);
    } finally {
      await reopened.close();
      await store.close();
    }
  });
});
