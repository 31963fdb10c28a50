import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fold, handleCommand } from '@switchboard/es-core';
import { canAppendToStreams, type EventStore, SqliteEventStore } from '@switchboard/event-store';
import { PostgresEventStore } from '@switchboard/event-store/postgres/postgres.event-store';
import { FixedClock, realInfraAvailable } from '@switchboard/testing';
import { POSTGRES, TEST_DATABASE_URL, testSchemas } from '@switchboard/testing/postgres.infra';
import { queueDecider, type QueueEvent, queueStreamId } from '@switchboard/routing';
import {
  type AgentEvent,
  agentDecider,
  agentStream,
  type ConsultationAssigned,
  type ConsultationCommand,
  consultationDecider,
  consultationStream,
  unpackReason,
  takesOf,
} from '../../domain';
import { FakeTimerClock } from '../timers/timer-clock';
import {
  CapturingNotifier,
  consultationCommand,
  createRuntime,
  onlineAgents,
  openCommand,
  quiesce,
  type RuntimeServices,
} from './test/runtime.harness';

const AGENTS = 50;
const CAPACITY = 5;
const OPENS = 1_000;
const SLOTS = AGENTS * CAPACITY;

describe('router under 1,000 simultaneous opens against 50 agents, embedded SQLite', () => {
  routerUnderBurst(() => SqliteEventStore.open({ filename: ':memory:' }));
});

describe('router under 1,000 simultaneous opens against 50 agents, PostgreSQL', async () => {
  const available = await realInfraAvailable(POSTGRES);
  describe.skipIf(!available)('against a real server', () => {
    const schemas = testSchemas('routing_burst');
    afterAll(() => schemas.dropAll());
    routerUnderBurst(async () => {
      const store = await PostgresEventStore.open({
        connectionString: TEST_DATABASE_URL,
        schema: schemas.next(),
      });
      // The split deployment's drains are one transaction here too (D40).
      expect(canAppendToStreams(store)).toBe(true);
      return store;
    });
  });
});

/** The same burst on any store: the guarantees do not depend on the adapter. */
function routerUnderBurst(openStore: () => Promise<EventStore>): void {
  let store: EventStore;
  let clock: FixedClock;
  let runtime: RuntimeServices;
  let notifier: CapturingNotifier;

  beforeEach(async () => {
    store = await openStore();
    clock = new FixedClock('2026-03-02T09:00:00.000Z');
    notifier = new CapturingNotifier();
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock), notifier });
  });
  afterEach(async () => {
    await runtime.stop();
    await store.close();
  });

  it('never exceeds capacity, assigns or queues each once, FIFO, and drains FIFO when capacity frees', async () => {
    const agentIds = Array.from({ length: AGENTS }, (_, i) => `a${String(i).padStart(2, '0')}`);
    await onlineAgents(store, clock, agentIds, { capacity: CAPACITY });
    await runtime.start();

    // Distinct open times, appended all at once (log order need not follow time order).
    const decider = consultationDecider();
    const opens = Array.from({ length: OPENS }, (_, i) => {
      const id = `c${String(i).padStart(4, '0')}`;
      const now = clock.advance(1);
      const command = { ...openCommand(id), metadata: { commandId: `open-${id}`, now } };
      return { id, command: command as ConsultationCommand };
    });
    await Promise.all(
      opens.map(({ id, command }) =>
        handleCommand(store, consultationStream(id), decider, command),
      ),
    );
    await quiesce(store, runtime);

    // No agent EVER over capacity: every take within capacity, and every stream folds within it.
    const agentEvents = await store.readAll({ filter: { streamPrefixes: ['agent-'] } });
    const takes = agentEvents.flatMap((e) => {
      const event = { type: e.type, version: 1, data: e.data } as AgentEvent;
      const { capacity } = e.data as { capacity?: number };
      return takesOf(event).map((take) => ({ ...take, capacity }));
    });
    expect(takes).toHaveLength(SLOTS);
    expect(new Set(takes.map((t) => t.consultationId)).size).toBe(SLOTS);
    for (const take of takes) expect(take.load).toBeLessThanOrEqual(take.capacity ?? -1);
    let held = 0;
    for (const agentId of agentIds) {
      const history = await store.readStream(agentStream(agentId));
      const state = fold(
        agentDecider,
        history.map((e) => ({ type: e.type, version: 1, data: e.data }) as AgentEvent),
      );
      if (state.status === 'unregistered') throw new Error(agentId);
      expect(state.held.length).toBeLessThanOrEqual(CAPACITY);
      held += state.held.length;
    }
    expect(held).toBe(SLOTS);

    // Every consultation assigned exactly once or queued exactly once, never both.
    const assignments = (
      await store.readAll({ filter: { eventTypes: ['ConsultationAssigned'] } })
    ).map((e) => e.data as ConsultationAssigned['data']);
    const assigned = new Set(assignments.map((a) => a.consultationId));
    expect(assignments).toHaveLength(SLOTS);
    expect(assigned.size).toBe(SLOTS);
    for (const a of assignments) {
      expect(a.reason.winner).toBe(a.agentId);
      expect(a.reason.strategy).toBe('least-load');
      const { candidates } = unpackReason(a.reason);
      expect(candidates).toHaveLength(AGENTS);
      expect(candidates.some((c) => c.agentId === a.agentId)).toBe(true);
    }
    const queue = await queueState();
    const queued = queue.entries.map((e) => e.consultationId);
    expect(queued).toHaveLength(OPENS - SLOTS);
    expect(new Set(queued).size).toBe(queued.length);
    expect(queued.filter((id) => assigned.has(id))).toEqual([]);
    expect(new Set([...queued, ...assigned]).size).toBe(OPENS);

    // Positions 1..750, FIFO by open time, and the last pushed position of each is its own.
    const times = queue.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const pushed = notifier.lastPositions();
    queued.forEach((id, index) => expect(pushed.get(id)).toBe(index + 1));

    // Free 20 slots: the head of the queue is served, in queue order.
    const head = queued.slice(0, 20);
    const before = (await store.readStream(queueStreamId('domain:travel'))).length;
    for (const a of assignments.slice(0, 20)) {
      await consultationCommand(store, clock, a.consultationId, {
        type: 'accept',
        data: { agentId: a.agentId },
      });
      await consultationCommand(store, clock, a.consultationId, {
        type: 'resolve',
        data: { by: a.agentId },
      });
    }
    await quiesce(store, runtime);
    const claimed = (await store.readStream(queueStreamId('domain:travel')))
      .slice(before)
      .filter((e) => e.type === 'ConsultationDequeued')
      .map((e) => (e.data as { consultationId: string }).consultationId);
    expect(claimed).toEqual(head);
    const after = await queueState();
    expect(after.entries.map((e) => e.consultationId)).toEqual(queued.slice(20));
    expect(notifier.lastPositions().get(queued[20])).toBe(1);
  });

  async function queueState() {
    const history = await store.readStream(queueStreamId('domain:travel'));
    return fold(
      queueDecider,
      history.map((e) => ({ type: e.type, version: 1, data: e.data }) as QueueEvent),
    );
  }
}
