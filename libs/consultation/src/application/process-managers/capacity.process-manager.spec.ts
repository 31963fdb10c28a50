import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import {
  type ConsultationAssigned,
  type ConsultationRequeued,
  consultationStream,
} from '../../domain';
import { FakeTimerClock } from '../timers/timer-clock';
import {
  agentCommand,
  consultationCommand,
  createRuntime,
  onlineAgents,
  openCommand,
  quiesce,
  type RuntimeServices,
} from '../routing/test/runtime.harness';

describe('capacity process manager with the router', () => {
  let store: SqliteEventStore;
  let clock: FixedClock;
  let timerClock: FakeTimerClock;
  let runtime: RuntimeServices;

  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    clock = new FixedClock('2026-03-02T09:00:00.000Z');
    timerClock = new FakeTimerClock(clock);
    runtime = createRuntime({ store, clock: timerClock });
    await onlineAgents(store, clock, ['ada', 'bob'], { capacity: 1 });
    await runtime.start();
  });
  afterEach(async () => {
    await runtime.stop();
    await store.close();
  });

  const assignmentsOf = async (id: string) =>
    (await store.readStream(consultationStream(id)))
      .filter((e) => e.type === 'ConsultationAssigned')
      .map((e) => e.data as ConsultationAssigned['data']);
  const requeuesOf = async (id: string) =>
    (await store.readStream(consultationStream(id)))
      .filter((e) => e.type === 'ConsultationRequeued')
      .map((e) => (e.data as ConsultationRequeued['data']).reason);
  const held = (agentId: string) => {
    const view = runtime.directory.get(agentId);
    return view === undefined ? [] : view.agent.held;
  };

  it('an agent going offline: unaccepted consultations are requeued and go to another agent', async () => {
    await consultationCommand(store, clock, 'off-1', openCommand('off-1'));
    await quiesce(store, runtime);
    const [first] = await assignmentsOf('off-1');
    const other = first.agentId === 'ada' ? 'bob' : 'ada';

    await agentCommand(store, clock, first.agentId, {
      type: 'setStatus',
      data: { status: 'offline' },
    });
    await quiesce(store, runtime);

    expect(await requeuesOf('off-1')).toEqual(['agent_offline']);
    const assignments = await assignmentsOf('off-1');
    expect(assignments.map((a) => a.agentId)).toEqual([first.agentId, other]);
    expect(held(first.agentId)).toEqual([]);
    expect(held(other)).toEqual(['off-1']);
  });

  it('an accepted consultation stays with an agent who goes offline', async () => {
    await consultationCommand(store, clock, 'off-2', openCommand('off-2'));
    await quiesce(store, runtime);
    const [first] = await assignmentsOf('off-2');
    await consultationCommand(store, clock, 'off-2', {
      type: 'accept',
      data: { agentId: first.agentId },
    });
    await agentCommand(store, clock, first.agentId, {
      type: 'setStatus',
      data: { status: 'offline' },
    });
    await quiesce(store, runtime);
    expect(await requeuesOf('off-2')).toEqual([]);
    expect(held(first.agentId)).toEqual(['off-2']);
  });

  it('accept timeout: requeued and reassigned to the next candidate, not the same agent', async () => {
    await consultationCommand(store, clock, 'to-1', openCommand('to-1'));
    await quiesce(store, runtime);
    const [first] = await assignmentsOf('to-1');
    timerClock.advance(60_001);
    await quiesce(store, runtime);

    expect(await requeuesOf('to-1')).toEqual(['accept_timeout']);
    const [, second] = await assignmentsOf('to-1');
    expect(second.agentId).not.toBe(first.agentId);
    expect(second.reason.winner).toBe(second.agentId);
    expect(held(first.agentId)).toEqual([]);
    expect(held(second.agentId)).toEqual(['to-1']);
  });

  it('resolve and close release the slot; a replayed release changes nothing', async () => {
    await consultationCommand(store, clock, 'rel-1', openCommand('rel-1'));
    await quiesce(store, runtime);
    const [first] = await assignmentsOf('rel-1');
    await consultationCommand(store, clock, 'rel-1', {
      type: 'accept',
      data: { agentId: first.agentId },
    });
    await consultationCommand(store, clock, 'rel-1', {
      type: 'resolve',
      data: { by: first.agentId },
    });
    await quiesce(store, runtime);
    expect(held(first.agentId)).toEqual([]);

    // A new process manager replays the whole log: nothing new is appended.
    const before = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    await runtime.stop();
    runtime = createRuntime({ store, clock: timerClock });
    await runtime.start();
    await quiesce(store, runtime);
    const after = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    expect(after).toBe(before);
  });

  it('a manual assignment takes the slot on the agent', async () => {
    await runtime.stop();
    await consultationCommand(store, clock, 'man-1', openCommand('man-1'));
    await consultationCommand(store, clock, 'man-1', {
      type: 'assign',
      data: { agentId: 'bob', reason: { strategy: 'manual', candidates: [], winner: 'bob' } },
    });
    runtime = createRuntime({ store, clock: timerClock });
    await runtime.start();
    await quiesce(store, runtime);
    expect(held('bob')).toEqual(['man-1']);
    expect((await assignmentsOf('man-1')).map((a) => a.agentId)).toEqual(['bob']);
  });
});
