import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { type ConsultationAssigned, consultationStream, unpackReason } from '../../domain';
import { FakeTimerClock } from '../timers/timer-clock';
import {
  agentCommand,
  consultationCommand,
  createRuntime,
  onlineAgents,
  openCommand,
  quiesce,
  type RuntimeServices,
} from './test/runtime.harness';

/** Reopen stickiness: a reopened consultation goes back to the agent who resolved it first. */
describe('router: reopened consultations', () => {
  let store: SqliteEventStore;
  let clock: FixedClock;
  let runtime: RuntimeServices;

  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    clock = new FixedClock('2026-03-02T09:00:00.000Z');
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock) });
    await onlineAgents(store, clock, ['ada', 'bob'], { capacity: 2 });
    await runtime.start();
  });
  afterEach(async () => {
    await runtime.stop();
    await store.close();
  });

  const assignments = async (id: string) =>
    (await store.readStream(consultationStream(id)))
      .filter((e) => e.type === 'ConsultationAssigned')
      .map((e) => e.data as ConsultationAssigned['data'])
      .map((data) => ({ ...data, reason: unpackReason(data.reason) }));

  /**
   * c1 served and resolved by one agent, who then holds one more consultation (a manual
   * assignment): least-load alone would now pick the other agent. Returns who resolved it.
   */
  async function resolvedWithBusierAgent(): Promise<{ previous: string; other: string }> {
    await consultationCommand(store, clock, 'c1', openCommand('c1'));
    await quiesce(store, runtime, 30);
    const [first] = await assignments('c1');
    const previous = first.agentId;
    const other = previous === 'ada' ? 'bob' : 'ada';
    await consultationCommand(store, clock, 'c1', { type: 'accept', data: { agentId: previous } });
    await consultationCommand(store, clock, 'c1', { type: 'resolve', data: { by: previous } });
    await consultationCommand(store, clock, 'c2', {
      ...openCommand('c2'),
      data: { ...openCommand('c2').data, group: 'nobody' },
    });
    await consultationCommand(store, clock, 'c2', {
      type: 'assign',
      data: { agentId: previous, reason: { strategy: 'manual', candidates: [], winner: previous } },
    });
    await quiesce(store, runtime, 30);
    expect(runtime.directory.get(previous)?.agent.held).toEqual(['c2']);
    return { previous, other };
  }

  it('goes to the previous agent when online with room, and the reason says so', async () => {
    const { previous } = await resolvedWithBusierAgent();
    clock.advance(60_000);
    await consultationCommand(store, clock, 'c1', { type: 'reopen', data: {} });
    await quiesce(store, runtime, 30);
    const [, again] = await assignments('c1');
    expect(again.agentId).toBe(previous);
    expect(again.reason).toMatchObject({
      strategy: 'previous_agent',
      winner: previous,
      candidates: [expect.objectContaining({ agentId: previous, load: 1, eligible: true })],
    });
    expect(runtime.directory.get(previous)?.agent.held.slice().sort()).toEqual(['c1', 'c2']);
  });

  it('goes through the normal strategy when the previous agent is offline', async () => {
    const { previous, other } = await resolvedWithBusierAgent();
    await agentCommand(store, clock, previous, { type: 'setStatus', data: { status: 'offline' } });
    await quiesce(store, runtime, 30);
    clock.advance(60_000);
    await consultationCommand(store, clock, 'c1', { type: 'reopen', data: {} });
    await quiesce(store, runtime, 30);
    const [, again] = await assignments('c1');
    expect(again.agentId).toBe(other);
    expect(again.reason.strategy).toBe('least-load');
  });
});
