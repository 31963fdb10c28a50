import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type EventStore,
  type StreamAppend,
  SqliteEventStore,
  WrongExpectedRevisionError,
} from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { agentStream, consultationStream } from '../../domain';
import { FakeTimerClock } from '../timers/timer-clock';
import {
  agentCommand,
  assignedAgents,
  consultationCommand,
  createRuntime,
  onlineAgents,
  openCommand,
  quiesce,
  type RuntimeServices,
} from './test/runtime.harness';

/** The store, with every multi-stream append and every single append's event types recorded. */
function recording(store: SqliteEventStore) {
  const groups: { appends: readonly StreamAppend[]; outcome?: unknown }[] = [];
  const singles: string[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStreams') {
        return async (appends: readonly StreamAppend[]) => {
          const group: (typeof groups)[number] = { appends };
          groups.push(group);
          try {
            return await target.appendToStreams(appends);
          } catch (error) {
            group.outcome = error;
            throw error;
          }
        };
      }
      if (property === 'appendToStream') {
        return (...args: Parameters<EventStore['appendToStream']>) => {
          singles.push(...args[1].map((e) => e.type));
          return target.appendToStream(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy as EventStore, groups, singles };
}

describe('a drain in one transaction (claim, takes and assignments appended together)', () => {
  let sqlite: SqliteEventStore;
  let runtime: RuntimeServices;
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  beforeEach(async () => {
    sqlite = await SqliteEventStore.open({ filename: ':memory:' });
  });
  afterEach(async () => {
    await runtime.stop();
    await sqlite.close();
  });

  const assignedTo = (id: string) => assignedAgents(sqlite, id);

  it('writes the queue, each agent and each consultation in one append, nothing step by step', async () => {
    await onlineAgents(sqlite, clock, ['ada', 'bob'], { capacity: 3 });
    const { store, groups, singles } = recording(sqlite);
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock) });
    await runtime.start();
    const ids = ['c1', 'c2', 'c3', 'c4'];
    await Promise.all(ids.map((id) => consultationCommand(sqlite, clock, id, openCommand(id))));
    await quiesce(sqlite, runtime, 30);

    expect(groups).toHaveLength(1);
    const [{ appends, outcome }] = groups;
    expect(outcome).toBeUndefined();
    expect(appends.map((a) => a.streamId)).toEqual([
      'queue-domain:travel',
      agentStream('ada'),
      agentStream('bob'),
      ...ids.map(consultationStream),
    ]);
    // Arrivals handed out by the drain that saw them arrive: one admission event, no line.
    expect(appends[0].events.map((e) => e.type)).toEqual(['ConsultationsAdmitted']);
    const { admissions } = appends[0].events[0].data as {
      admissions: { consultationId: string }[];
    };
    expect(admissions.map((a) => a.consultationId)).toEqual(ids);
    expect(
      singles.filter((t) => t === 'AgentConsultationTaken' || t === 'ConsultationAssigned'),
    ).toEqual([]);
    for (const id of ids) expect((await assignedTo(id)).length).toBe(1);
    const held = ['ada', 'bob'].flatMap((a) => runtime.directory.get(a)?.agent.held ?? []);
    expect(held.sort()).toEqual(ids);
  });

  it('reads a consultation the router saw requeued before deciding: again one append, none refused', async () => {
    await onlineAgents(sqlite, clock, ['ada', 'bob'], { capacity: 1 });
    const { store, groups, singles } = recording(sqlite);
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock) });
    await runtime.start();
    await consultationCommand(sqlite, clock, 'c1', openCommand('c1'));
    await quiesce(sqlite, runtime, 30);
    const [first] = await assignedTo('c1');
    // Requeued behind the router's writers (as the accept timeout does it).
    await consultationCommand(sqlite, clock, 'c1', {
      type: 'requeue',
      data: { reason: 'accept_timeout' },
    });
    await quiesce(sqlite, runtime, 30);

    expect(groups.map((g) => g.outcome)).toEqual([undefined, undefined]);
    expect(singles.filter((t) => t === 'ConsultationAssigned')).toEqual([]);
    const assigned = await assignedTo('c1');
    expect(assigned).toHaveLength(2);
    expect(assigned[1]).not.toBe(first); // the agent it timed out on is avoided
  });

  it('writes nothing when a stream moved on behind its cache, and then goes step by step', async () => {
    await onlineAgents(sqlite, clock, ['ada'], { capacity: 2 });
    await agentCommand(sqlite, clock, 'ada', { type: 'setStatus', data: { status: 'away' } });
    const { store, groups, singles } = recording(sqlite);
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock) });
    await runtime.start();
    await consultationCommand(sqlite, clock, 'c1', openCommand('c1'));
    await quiesce(sqlite, runtime, 30);
    // The customer writes while waiting: c1's stream is one event past what the router primed.
    await consultationCommand(sqlite, clock, 'c1', {
      type: 'recordActivity',
      data: { by: 'customer', at: clock.now().toISOString() },
    });
    await agentCommand(sqlite, clock, 'ada', { type: 'setStatus', data: { status: 'online' } });
    await quiesce(sqlite, runtime, 30);

    expect(groups).toHaveLength(1);
    expect(groups[0].outcome).toBeInstanceOf(WrongExpectedRevisionError);
    expect((groups[0].outcome as WrongExpectedRevisionError).streamId).toBe('consultation-c1');
    expect(singles).toEqual(
      expect.arrayContaining(['ConsultationDequeued', 'AgentConsultationTaken']),
    );
    expect(await assignedTo('c1')).toEqual(['ada']);
    expect(runtime.directory.get('ada')?.agent.held).toEqual(['c1']);
    const released = (await sqlite.readStream(agentStream('ada'))).filter(
      (e) => e.type === 'AgentConsultationReleased',
    );
    expect(released).toEqual([]);
  });
});
