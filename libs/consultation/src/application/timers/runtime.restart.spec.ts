import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { type ConsultationAssigned, consultationStream } from '../../domain';
import {
  consultationCommand,
  createRuntime,
  onlineAgents,
  openCommand,
  quiesce,
  type RuntimeServices,
} from '../routing/test/runtime.harness';
import { FakeTimerClock } from './timer-clock';

describe('whole runtime stopped and restarted', () => {
  let store: SqliteEventStore;
  let runtime: RuntimeServices | undefined;
  afterEach(async () => {
    await runtime?.stop();
    await store.close();
  });

  it('an accept timeout that fell due while stopped fires once, and the consultation moves on once', async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    const clock = new FixedClock('2026-03-02T09:00:00.000Z');
    await onlineAgents(store, clock, ['ada', 'bob'], { capacity: 1 });
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock) });
    await runtime.start();
    await consultationCommand(store, clock, 'rs-1', openCommand('rs-1'));
    await quiesce(store, runtime);
    await runtime.stop();

    clock.advance(2 * 60_000);
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock) });
    await runtime.start();
    await quiesce(store, runtime);

    const history = await store.readStream(consultationStream('rs-1'));
    const count = (type: string) => history.filter((e) => e.type === type).length;
    expect(count('TimerFired')).toBe(1);
    expect(count('ConsultationRequeued')).toBe(1);
    const agents = history
      .filter((e) => e.type === 'ConsultationAssigned')
      .map((e) => (e.data as ConsultationAssigned['data']).agentId);
    expect(agents).toHaveLength(2);
    expect(agents[1]).not.toBe(agents[0]);
    expect(runtime.directory.get(agents[0])?.agent.held).toEqual([]);
    expect(runtime.directory.get(agents[1])?.agent.held).toEqual(['rs-1']);

    // Restarting again (the new accept timeout not yet due) changes nothing.
    await runtime.stop();
    const before = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock) });
    await runtime.start();
    await quiesce(store, runtime);
    expect((await store.readAll({ direction: 'backwards', maxCount: 1 }))[0].position).toBe(before);
  });
});
