import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventStore, WrongExpectedRevisionError } from '@switchboard/event-store';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { countingReads, deciderSpec, FixedClock } from '@switchboard/testing';
import { type Command, type Decider, type DomainEvent } from './decider';
import { ConcurrencyConflictError, InvalidStateError } from './domain-error';
import { handleCommand } from './command-handler';
import { deriveEventId } from './event-id';

// A deliberately tiny aggregate: a tally that can be incremented until it is closed.
type TallyCommand = Command<'increment', { by: number }> | Command<'close', Record<string, never>>;
type TallyEvent =
  DomainEvent<'incremented', { by: number }> | DomainEvent<'closed', { at: string }>;
interface TallyState {
  readonly total: number;
  readonly closed: boolean;
}
const tally: Decider<TallyCommand, TallyEvent, TallyState> = {
  initialState: { total: 0, closed: false },
  decide(command, state) {
    if (state.closed) throw new InvalidStateError('TALLY_CLOSED', 'The tally is closed');
    switch (command.type) {
      case 'increment':
        return command.data.by === 0
          ? []
          : [{ type: 'incremented', version: 1, data: { by: command.data.by } }];
      case 'close':
        return [{ type: 'closed', version: 1, data: { at: command.metadata.now.toISOString() } }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'incremented':
        return { ...state, total: state.total + event.data.by };
      case 'closed':
        return { ...state, closed: true };
    }
  },
};

const clock = new FixedClock('2026-12-04T10:00:00.000Z');
const meta = (userId = 'u-1') => ({ commandId: randomUUID(), now: clock.now(), userId });
const increment = (by: number): TallyCommand => ({
  type: 'increment',
  data: { by },
  metadata: meta(),
});

describe('deciderSpec on the example decider', () => {
  it('given/when/then', () => {
    deciderSpec(tally)
      .given([{ type: 'incremented', version: 1, data: { by: 2 } }])
      .when({ type: 'close', data: {}, metadata: meta() })
      .then([{ type: 'closed', version: 1, data: { at: '2026-12-04T10:00:00.000Z' } }]);
  });
  it('rejects with a typed error', () => {
    deciderSpec(tally)
      .given([{ type: 'closed', version: 1, data: { at: 'x' } }])
      .when(increment(1))
      .thenFails('TALLY_CLOSED');
  });
});

describe('deriveEventId', () => {
  it('is a stable UUID per command and index', () => {
    const id = deriveEventId('cmd-1', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveEventId('cmd-1', 0)).toBe(id);
    expect(deriveEventId('cmd-1', 1)).not.toBe(id);
    expect(deriveEventId('cmd-2', 0)).not.toBe(id);
  });

  it('gives the SHA-1 ids of node:crypto for any command id and index (one-block fast path)', () => {
    const viaCrypto = (commandId: string, index: number) => {
      const hex = createHash('sha1').update(`${commandId}/${index}`).digest('hex');
      const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
      const parts = [hex.slice(0, 8), hex.slice(8, 12), `5${hex.slice(13, 16)}`];
      return [...parts, `${variant}${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
    };
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const commandIds = [
      ...Array.from({ length: 300 }, () => randomUUID()),
      // Every length around the one-block limit (55 bytes with "/<index>"), and non-ASCII.
      ...Array.from({ length: 70 }, (_, n) => 'x'.repeat(n)),
      ...Array.from({ length: 50 }, () =>
        Array.from({ length: Math.floor(random() * 60) }, () =>
          String.fromCharCode(32 + Math.floor(random() * 95)),
        ).join(''),
      ),
      'café-commande',
      'команда',
      '指令-1',
    ];
    const indexes = [0, 1, 2, 9, 10, 99, 100, 999, 1000, 1999, 123456, 2 ** 31, 2 ** 53 - 1];
    for (const commandId of commandIds) {
      for (const index of indexes) {
        expect(deriveEventId(commandId, index), `${commandId}/${index}`).toBe(
          viaCrypto(commandId, index),
        );
      }
    }
  });

  it('keeps the ids it always gave (stored events and retried commands rely on them)', () => {
    // Frozen from the Hash-object implementation this one replaced.
    expect(deriveEventId('cmd-1', 0)).toBe('ea804a36-08e6-5601-bd4b-553fb42dd13a');
    expect(deriveEventId('open-c7', 3)).toBe('2014475e-32c1-5073-b4c4-eda65f0311be');
  });
});

describe('handleCommand', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
  });
  afterAll(() => store.close());
  const stream = () => `tally-${randomUUID()}`;

  it('appends the decided events with version and metadata, and returns the new state', async () => {
    const id = stream();
    const command = increment(3);
    const result = await handleCommand(store, id, tally, command);
    expect(result).toMatchObject({ state: { total: 3, closed: false }, revision: 0 });
    const [stored] = await store.readStream(id);
    expect(stored).toMatchObject({
      id: deriveEventId(command.metadata.commandId, 0),
      type: 'incremented',
      data: { by: 3 },
      metadata: {
        version: 1,
        userId: 'u-1',
        causationId: command.metadata.commandId,
        correlationId: command.metadata.commandId,
      },
    });
  });

  it('folds existing history before deciding', async () => {
    const id = stream();
    await handleCommand(store, id, tally, increment(1));
    await handleCommand(store, id, tally, { type: 'close', data: {}, metadata: meta() });
    await expect(handleCommand(store, id, tally, increment(1))).rejects.toBeInstanceOf(
      InvalidStateError,
    );
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('answers a retried command with what the first attempt stored, not a second application', async () => {
    const id = stream();
    const command = increment(3);
    const first = await handleCommand(store, id, tally, command);
    await handleCommand(store, id, tally, increment(4));
    const retried = await handleCommand(store, id, tally, command);
    expect(await store.readStream(id)).toHaveLength(2);
    expect(retried).toEqual({
      events: [{ type: 'incremented', version: 1, data: { by: 3 } }],
      state: first.state,
      revision: first.revision,
    });
  });

  it('appends nothing when the decider returns no events', async () => {
    const id = stream();
    const result = await handleCommand(store, id, tally, increment(0));
    expect(result).toMatchObject({ events: [], revision: -1 });
    expect(await store.readStream(id)).toEqual([]);
  });

  it('retries concurrent writers until each one lands: no lost update', async () => {
    const id = stream();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        handleCommand(store, id, tally, increment(1), { maxAttempts: 50, backoffMs: () => 0 }),
      ),
    );
    const events = await store.readStream(id);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('gives up with a typed conflict after maxAttempts', async () => {
    let appends = 0;
    const alwaysConflicting: EventStore = {
      readStream: (s, o) => store.readStream(s, o),
      readAll: (o) => store.readAll(o),
      subscribeToAll: (o, h) => store.subscribeToAll(o, h),
      ping: () => store.ping(),
      close: async () => undefined,
      appendToStream: async (s) => {
        appends++;
        throw new WrongExpectedRevisionError(s, 'no_stream', 7);
      },
    };
    await expect(
      handleCommand(alwaysConflicting, stream(), tally, increment(1), {
        maxAttempts: 3,
        backoffMs: () => 0,
      }),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(appends).toBe(3);
  });

  describe('expectNew', () => {
    const expecting = { expectNew: true, backoffMs: () => 0 } as const;

    it('appends to a new stream without reading it', async () => {
      const { store: counted, reads } = countingReads(store);
      const id = stream();
      const result = await handleCommand(counted, id, tally, increment(4), expecting);
      expect(result).toMatchObject({ revision: 0, state: { total: 4, closed: false } });
      expect(reads.size).toBe(0);
      expect((await store.readStream(id)).map((e) => e.data)).toEqual([{ by: 4 }]);
    });

    it('reads and decides again when the stream exists after all: the answer of the read path', async () => {
      const id = stream();
      await handleCommand(store, id, tally, increment(2));
      const result = await handleCommand(store, id, tally, increment(3), expecting);
      expect(result).toMatchObject({ revision: 1, state: { total: 5 } });
      await handleCommand(store, id, tally, { type: 'close', data: {}, metadata: meta() });
      // The guess on an empty stream accepts; the stream itself refuses.
      await expect(handleCommand(store, id, tally, increment(1), expecting)).rejects.toMatchObject({
        code: 'TALLY_CLOSED',
      });
    });

    it('reads when the guess changes nothing, and answers a replayed command as stored', async () => {
      const id = stream();
      await handleCommand(store, id, tally, increment(2));
      const { store: counted, reads } = countingReads(store);
      expect(await handleCommand(counted, id, tally, increment(0), expecting)).toMatchObject({
        events: [],
        revision: 0,
        state: { total: 2 },
      });
      expect(reads.get(id)).toEqual([1]);
      const fresh = stream();
      const once = increment(7);
      const first = await handleCommand(store, fresh, tally, once, expecting);
      const again = await handleCommand(store, fresh, tally, once, expecting);
      expect(again).toEqual(first);
      expect(await store.readStream(fresh)).toHaveLength(1);
    });
  });
});
