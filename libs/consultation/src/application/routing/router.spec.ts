import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { queueStreamId } from '@switchboard/routing';
import { FakeTimerClock } from '../timers/timer-clock';
import {
  agentCommand,
  assignedAgents,
  CapturingNotifier,
  consultationCommand,
  createRuntime,
  onlineAgents,
  openCommand,
  quiesce,
  type RuntimeServices,
} from './test/runtime.harness';

describe('router', () => {
  let store: SqliteEventStore;
  let clock: FixedClock;
  let runtime: RuntimeServices;
  let notifier: CapturingNotifier;

  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    clock = new FixedClock('2026-03-02T09:00:00.000Z');
    notifier = new CapturingNotifier();
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock), notifier });
  });
  afterEach(async () => {
    await runtime.stop();
    await store.close();
  });

  const assignedTo = (id: string) => assignedAgents(store, id);
  const waiting = () => runtime.router.queue('domain:travel')?.entries.map((e) => e.consultationId);

  it('pushes positions, takes a consultation closed while waiting out of the queue', async () => {
    await onlineAgents(store, clock, ['ada'], { capacity: 1 });
    await runtime.start();
    for (const id of ['q1', 'q2', 'q3', 'q4']) {
      clock.advance(1_000);
      await consultationCommand(store, clock, id, openCommand(id));
      await quiesce(store, runtime, 30);
    }
    expect(waiting()).toEqual(['q2', 'q3', 'q4']);
    await consultationCommand(store, clock, 'q2', {
      type: 'close',
      data: { by: 'customer', reason: 'gave up' },
    });
    await quiesce(store, runtime, 30);
    expect(waiting()).toEqual(['q3', 'q4']);
    expect(notifier.lastPositions().get('q3')).toBe(1);
    expect(notifier.lastPositions().get('q4')).toBe(2);
    const queue = await store.readStream(queueStreamId('domain:travel'));
    // q1 went to ada as it arrived: admitted, it never had a place in the line.
    expect(queue.map((e) => e.type)).toEqual([
      'ConsultationsAdmitted',
      'ConsultationEnqueued',
      'ConsultationEnqueued',
      'ConsultationEnqueued',
      'ConsultationDequeued',
    ]);
    expect(queue[0].data).toMatchObject({ admissions: [{ consultationId: 'q1', agentId: 'ada' }] });
    expect(queue[4].data).toMatchObject({ consultationId: 'q2', reason: 'closed' });
  });

  it('a transfer to a group waits in that group queue and goes to an agent of the group', async () => {
    await onlineAgents(store, clock, ['ada'], { capacity: 1 });
    await onlineAgents(store, clock, ['vip-1'], { capacity: 1, groups: ['vip'] });
    await agentCommand(store, clock, 'vip-1', { type: 'setStatus', data: { status: 'away' } });
    await runtime.start();
    await consultationCommand(store, clock, 't1', openCommand('t1'));
    await quiesce(store, runtime, 30);
    expect(await assignedTo('t1')).toEqual(['ada']);
    await consultationCommand(store, clock, 't1', { type: 'accept', data: { agentId: 'ada' } });
    await consultationCommand(store, clock, 't1', {
      type: 'transfer',
      data: { to: { group: 'vip' }, by: 'ada' },
    });
    await quiesce(store, runtime, 30);
    expect(runtime.router.queue('group:vip')?.entries.map((e) => e.consultationId)).toEqual(['t1']);
    expect(runtime.directory.get('ada')?.agent.held).toEqual([]);

    await agentCommand(store, clock, 'vip-1', { type: 'setStatus', data: { status: 'online' } });
    await quiesce(store, runtime, 30);
    expect(await assignedTo('t1')).toEqual(['ada', 'vip-1']);
    expect(runtime.router.queue('group:vip')?.entries).toEqual([]);
  });

  it('after a restart, consultations opened while it was down are routed', async () => {
    await onlineAgents(store, clock, ['ada'], { capacity: 2 });
    await runtime.start();
    await runtime.stop();
    await consultationCommand(store, clock, 'r1', openCommand('r1'));
    runtime = createRuntime({ store, clock: new FakeTimerClock(clock), notifier });
    await runtime.start();
    await quiesce(store, runtime, 30);
    expect(await assignedTo('r1')).toEqual(['ada']);
  });
});
