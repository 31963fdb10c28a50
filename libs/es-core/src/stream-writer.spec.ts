import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventStore } from '@switchboard/event-store';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { type Command, type Decider, type DomainEvent } from './decider';
import { DomainError } from './domain-error';
import { handleCommand, toEventData } from './command-handler';
import { StreamWriter } from './stream-writer';

// A numbered log: each `add` gets the next number, kept in the state (like a conversation seq).
type LogCommand = Command<'add', { label: string }> | Command<'refuse', Record<string, never>>;
type LogEvent = DomainEvent<'added', { label: string; n: number }>;
interface LogState {
  readonly last: number;
  readonly labels: ReadonlySet<string>;
}
const numberedLog: Decider<LogCommand, LogEvent, LogState> = {
  initialState: { last: 0, labels: new Set() },
  decide(command, state) {
    if (command.type === 'refuse') throw new DomainError('REFUSED', 'refused', 'invalid_command');
    if (state.labels.has(command.data.label)) return [];
    return [{ type: 'added', version: 1, data: { label: command.data.label, n: state.last + 1 } }];
  },
  evolve: (state, event) => ({
    last: event.data.n,
    labels: new Set([...state.labels, event.data.label]),
  }),
};
const add = (label: string): LogCommand => ({
  type: 'add',
  data: { label },
  metadata: { commandId: randomUUID(), now: new Date('2026-12-04T10:00:00Z') },
});

type DoorCommand = Command<'open' | 'close', Record<string, never>>;
type DoorEvent = DomainEvent<'opened' | 'closed', Record<string, never>>;
const doorCommand = (type: 'open' | 'close'): DoorCommand => ({
  type,
  data: {},
  metadata: { commandId: randomUUID(), now: new Date('2026-12-04T10:00:00Z') },
});

describe('StreamWriter against SQLite', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stream-writer-'));
    store = await SqliteEventStore.open({ filename: join(dir, 'events.db') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const numbers = async (streamId: string) =>
    (await store.readStream(streamId)).map((e) => (e.data as { n: number }).n);

  it('gives 1,000 concurrent commands on one stream the numbers 1..1000, no gap, no duplicate, no conflict', async () => {
    let appends = 0;
    const counting: EventStore = Object.create(store, {
      appendToStream: {
        value: (...args: Parameters<EventStore['appendToStream']>) => {
          appends++;
          return store.appendToStream(...args);
        },
      },
    });
    const writer = new StreamWriter(counting, numberedLog);
    const streamId = `log-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => writer.write(streamId, add(`m${i}`))),
    );
    const expected = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(appends).toBeLessThan(10); // batched: the first command alone, then the rest
    expect(await numbers(streamId)).toEqual(expected);
    expect(results.map((r) => (r.events[0].data as { n: number }).n).sort((a, b) => a - b)).toEqual(
      expected,
    );
    // Each result's revision is the revision of its own event.
    const stored = await store.readStream(streamId);
    for (const r of results) {
      expect(stored[r.revision].data).toEqual(r.events[0].data);
      expect(r.position).toBeGreaterThanOrEqual(stored[r.revision].position);
    }
  });

  it('fails one invalid command alone, the rest of its batch lands', async () => {
    const writer = new StreamWriter(store, numberedLog);
    const streamId = `log-${randomUUID()}`;
    const refuse: LogCommand = { type: 'refuse', data: {}, metadata: add('x').metadata };
    const outcomes = await Promise.allSettled([
      writer.write(streamId, add('a')),
      writer.write(streamId, add('b')),
      writer.write(streamId, refuse),
      writer.write(streamId, add('c')),
      writer.write(streamId, add('a')), // a repeat: decided against the batch so far, no event
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'REFUSED' });
    expect(
      (outcomes[4] as PromiseFulfilledResult<{ events: readonly unknown[] }>).value.events,
    ).toEqual([]);
    expect(await numbers(streamId)).toEqual([1, 2, 3]);
  });

  it('handles another writer between batches: reads the tail, numbers on from there', async () => {
    const writer = new StreamWriter(store, numberedLog);
    const streamId = `log-${randomUUID()}`;
    await writer.write(streamId, add('first'));
    // Another process (a plain handleCommand here) writes behind the writer's cached revision.
    await handleCommand(store, streamId, numberedLog, add('foreign-1'));
    await handleCommand(store, streamId, numberedLog, add('foreign-2'));
    const results = await Promise.all(
      ['x', 'y', 'foreign-1'].map((l) => writer.write(streamId, add(l))),
    );
    expect(await numbers(streamId)).toEqual([1, 2, 3, 4, 5]);
    expect(results[2].events).toEqual([]); // it knew about foreign-1 before deciding
  });

  it('appends at its cached revision without reading the stream again', async () => {
    const writer = new StreamWriter(store, numberedLog);
    const streamId = `log-${randomUUID()}`;
    await writer.write(streamId, add('first'));
    let reads = 0;
    const counting = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'readStream') reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const optimistic = new StreamWriter(counting, numberedLog);
    await optimistic.write(streamId, add('second')); // first use: reads the stream once
    await optimistic.write(streamId, add('third'));
    await optimistic.write(streamId, add('fourth'));
    expect(reads).toBe(1);
    expect(await numbers(streamId)).toEqual([1, 2, 3, 4]);
  });

  it('decides again on the stream, not its stale cache, before writing nothing', async () => {
    // A door: `open` on an open door writes nothing. Another writer closed it behind the cache,
    // so the stale "already open" must not be the answer.
    const door: Decider<DoorCommand, DoorEvent, { open: boolean }> = {
      initialState: { open: false },
      decide: (command, state) =>
        (command.type === 'open') === state.open
          ? []
          : [{ type: command.type === 'open' ? 'opened' : 'closed', version: 1, data: {} }],
      evolve: (_, event) => ({ open: event.type === 'opened' }),
    };
    const writer = new StreamWriter(store, door);
    const streamId = `door-${randomUUID()}`;
    await writer.write(streamId, doorCommand('open'));
    await handleCommand(store, streamId, door, doorCommand('close'));
    const again = await writer.write(streamId, doorCommand('open'));
    expect(again.events.map((e) => e.type)).toEqual(['opened']);
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual([
      'opened',
      'closed',
      'opened',
    ]);
  });

  it('takes a primed state as its cache: no read when right, one tail read when behind', async () => {
    const streamId = `log-${randomUUID()}`;
    await handleCommand(store, streamId, numberedLog, add('a'));
    let reads = 0;
    const counting = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'readStream') reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const writer = new StreamWriter(counting, numberedLog);
    writer.prime(streamId, { last: 1, labels: new Set(['a']) }, 0);
    await writer.write(streamId, add('b'));
    expect(reads).toBe(0);
    // Behind: primed at revision 0 while the stream holds two events already.
    const behind = `log-${randomUUID()}`;
    await handleCommand(store, behind, numberedLog, add('a'));
    await handleCommand(store, behind, numberedLog, add('b'));
    writer.prime(behind, { last: 1, labels: new Set(['a']) }, 0);
    await writer.write(behind, add('c'));
    expect(reads).toBe(1);
    expect(await numbers(streamId)).toEqual([1, 2]);
    expect(await numbers(behind)).toEqual([1, 2, 3]);
  });

  it('hands out its cache to a caller that appends itself, and follows what it reports', async () => {
    const writer = new StreamWriter(store, numberedLog);
    const streamId = `log-${randomUUID()}`;
    expect(writer.peek(streamId)).toBeUndefined(); // never read: nothing to hand out
    await writer.write(streamId, add('a'));
    const seen = writer.peek(streamId)!;
    expect(seen.revision).toBe(0);
    const events = numberedLog.decide(add('b'), seen.state);
    const [result] = await store.appendToStreams([
      { streamId, events: toEventData(add('b'), events), options: { expectedRevision: 0 } },
    ]);
    const state = events.reduce(numberedLog.evolve, seen.state);
    writer.appended(streamId, seen.revision, state, result.nextExpectedRevision);
    expect(writer.peek(streamId)).toEqual({ state, revision: 1 });
    await writer.write(streamId, add('c')); // at the reported revision: no conflict
    expect(await numbers(streamId)).toEqual([1, 2, 3]);
  });

  it('prepares a command on its cache for the caller to append with other streams', async () => {
    const writer = new StreamWriter(store, numberedLog);
    const streamId = `log-${randomUUID()}`;
    expect(writer.prepare(streamId, add('a'))).toBeUndefined(); // not cached
    await writer.write(streamId, add('a'));
    expect(() => writer.prepare(streamId, { ...add('x'), type: 'refuse', data: {} })).toThrow(
      'refused',
    );
    const prepared = writer.prepare(streamId, add('b'))!;
    expect(prepared.append.options).toEqual({ expectedRevision: 0 });
    expect(prepared.events.map((e) => e.data.n)).toEqual([2]);
    const [result] = await store.appendToStreams([prepared.append]);
    prepared.written(result);
    expect(writer.peek(streamId)).toEqual({ state: prepared.state, revision: 1 });
    const lost = writer.prepare(streamId, add('c'))!;
    await handleCommand(store, streamId, numberedLog, add('d')); // another writer got in first
    await expect(store.appendToStreams([lost.append])).rejects.toThrow(/revision/i);
    lost.failed();
    await writer.write(streamId, add('c'));
    expect(await numbers(streamId)).toEqual([1, 2, 3, 4]);
  });

  it('drops its cache when a report does not follow on from it, or when told to forget', async () => {
    const writer = new StreamWriter(store, numberedLog);
    const streamId = `log-${randomUUID()}`;
    await writer.write(streamId, add('a'));
    await writer.write(streamId, add('b'));
    writer.appended(streamId, 0, { last: 9, labels: new Set() }, 5); // from 0, cache is at 1
    expect(writer.peek(streamId)).toBeUndefined();
    await handleCommand(store, streamId, numberedLog, add('c'));
    await writer.write(streamId, add('d')); // read the stream again, numbered on from it
    expect(await numbers(streamId)).toEqual([1, 2, 3, 4]);
    expect(writer.peek(streamId)?.revision).toBe(3);
    writer.forget(streamId);
    expect(writer.peek(streamId)).toBeUndefined();
  });

  it('reads the state at its place in the queue, with what another writer appended', async () => {
    const writer = new StreamWriter(store, numberedLog);
    const streamId = `log-${randomUUID()}`;
    expect((await writer.read(streamId)).state.last).toBe(0);
    const first = writer.write(streamId, add('a'));
    const between = writer.read(streamId);
    const second = writer.write(streamId, add('b'));
    await Promise.all([first, second]);
    expect((await between).state.last).toBe(1);
    await handleCommand(store, streamId, numberedLog, add('foreign'));
    const after = await writer.read(streamId);
    expect([after.state.last, after.revision]).toEqual([3, 2]);
  });

  it('retries on a conflict raised during its own append, bounded', async () => {
    const streamId = `log-${randomUUID()}`;
    let injected = 0;
    // Writes a foreign event right before the writer's first append: the append conflicts.
    const racing: EventStore = Object.create(store, {
      appendToStream: {
        value: async (...args: Parameters<EventStore['appendToStream']>) => {
          if (injected++ === 0) await handleCommand(store, streamId, numberedLog, add('racer'));
          return store.appendToStream(...args);
        },
      },
    });
    const writer = new StreamWriter(racing, numberedLog);
    const result = await writer.write(streamId, add('mine'));
    expect(result.events[0].data).toEqual({ label: 'mine', n: 2 });
    expect(await numbers(streamId)).toEqual([1, 2]);
    expect(injected).toBe(2);
  });

  it('evicts idle streams beyond its cache bound and reloads them correctly', async () => {
    const writer = new StreamWriter(store, numberedLog, { maxCachedStreams: 2 });
    const ids = [1, 2, 3].map(() => `log-${randomUUID()}`);
    for (const id of ids) await writer.write(id, add('a'));
    expect(writer.cachedStreams).toBe(2);
    await writer.write(ids[0], add('b'));
    expect(await numbers(ids[0])).toEqual([1, 2]);
  });
});
