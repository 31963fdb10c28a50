import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { consultationDecider, type TimerFired } from '../../domain';
import { consultationCommand, openCommand } from '../routing/test/runtime.harness';
import { FakeTimerClock, SystemTimerClock } from './timer-clock';
import { TimerScheduler } from './timer.scheduler';

const MIN = 60_000;

describe('timer scheduler', () => {
  let store: SqliteEventStore;
  let clock: FixedClock;

  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    clock = new FixedClock('2026-03-02T09:00:00.000Z');
  });
  afterEach(() => store.close());

  const scheduler = (timers = new FakeTimerClock(clock)) =>
    new TimerScheduler({ store, clock: timers, decider: consultationDecider() });

  /** Accepted (idle timers) or resolved (auto close) without routing: a manual assignment. */
  async function consultation(id: string, resolve: boolean): Promise<void> {
    await consultationCommand(store, clock, id, openCommand(id));
    const reason = { strategy: 'manual', candidates: [], winner: 'ada' };
    await consultationCommand(store, clock, id, {
      type: 'assign',
      data: { agentId: 'ada', reason },
    });
    await consultationCommand(store, clock, id, { type: 'accept', data: { agentId: 'ada' } });
    if (resolve)
      await consultationCommand(store, clock, id, { type: 'resolve', data: { by: 'ada' } });
  }

  async function fired(): Promise<Map<string, number>> {
    const events = await store.readAll({ filter: { eventTypes: ['TimerFired'] } });
    const counts = new Map<string, number>();
    for (const e of events) {
      const { timerId } = e.data as TimerFired['data'];
      counts.set(timerId, (counts.get(timerId) ?? 0) + 1);
    }
    return counts;
  }

  async function warnings(): Promise<number> {
    return (await store.readAll({ filter: { eventTypes: ['IdleWarningIssued'] } })).length;
  }

  async function settle(...schedulers: TimerScheduler[]): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await Promise.all(schedulers.map((s) => s.idle()));
    }
  }

  const closed = async (id: string) =>
    (await store.readStream(`consultation-${id}`)).filter((e) => e.type === 'ConsultationClosed')
      .length;

  it('restart: timers scheduled before a stop fire exactly once after it, and never again', async () => {
    await consultation('idle-1', false);
    await consultation('idle-2', false);
    await consultation('res-1', true);
    const firstClock = new FakeTimerClock(clock);
    const first = scheduler(firstClock);
    await first.start();
    expect(first.pendingTimers().sort()).toEqual([
      'idle-1:idle_close:2',
      'idle-1:idle_warning:1',
      'idle-2:idle_close:2',
      'idle-2:idle_warning:1',
      'res-1:auto_close_after_resolved:3',
    ]);

    // Mid-way: the idle warnings fire, then the process stops.
    firstClock.advance(5 * MIN + 1);
    await settle(first);
    expect([...(await fired()).keys()].sort()).toEqual([
      'idle-1:idle_warning:1',
      'idle-2:idle_warning:1',
    ]);
    await first.stop();

    // While stopped, every remaining timer falls due.
    clock.advance(40 * MIN);

    // Two new processes at once on the same store: each timer still fires once.
    const second = scheduler();
    const third = scheduler();
    await Promise.all([second.start(), third.start()]);
    await settle(second, third);
    const counts = await fired();
    expect([...counts.keys()].sort()).toEqual([
      'idle-1:idle_close:2',
      'idle-1:idle_warning:1',
      'idle-2:idle_close:2',
      'idle-2:idle_warning:1',
      'res-1:auto_close_after_resolved:3',
    ]);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await closed('idle-1')).toBe(1);
    expect(await closed('res-1')).toBe(1);
    expect(second.pendingTimers()).toEqual([]);
    await Promise.all([second.stop(), third.stop()]);

    // A further restart finds nothing to fire.
    const positionBefore = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]
      .position;
    const fourth = scheduler();
    await fourth.start();
    await settle(fourth);
    expect(fourth.pendingTimers()).toEqual([]);
    expect((await store.readAll({ direction: 'backwards', maxCount: 1 }))[0].position).toBe(
      positionBefore,
    );
    await fourth.stop();
  });

  it('a timer not yet due stays armed and fires at its time; a cancelled one never fires', async () => {
    await consultation('later-1', false);
    const timers = new FakeTimerClock(clock);
    const live = new TimerScheduler({ store, clock: timers, decider: consultationDecider() });
    await live.start();
    timers.advance(4 * MIN);
    await settle(live);
    expect((await fired()).size).toBe(0);
    // Activity moves the idle clock; the warning due from the acceptance re-arms instead of warning.
    await consultationCommand(store, clock, 'later-1', {
      type: 'recordActivity',
      data: { by: 'customer', at: clock.now().toISOString() },
    });
    await settle(live);
    timers.advance(2 * MIN);
    await settle(live);
    expect([...(await fired()).keys()]).toEqual(['later-1:idle_warning:1']);
    expect(await warnings()).toBe(0);
    timers.advance(3 * MIN + 1);
    await settle(live);
    expect([...(await fired()).keys()]).toEqual([
      'later-1:idle_warning:1',
      'later-1:idle_warning:3',
    ]);
    expect(await warnings()).toBe(1);
    await live.stop();
  });

  it('arms an accept timeout from a v4 assignment and from a stored v3 one plus its TimerScheduled', async () => {
    // v4 (D45): the assignment itself schedules the accept timeout.
    await consultationCommand(store, clock, 'v4-1', openCommand('v4-1'));
    const reason = { strategy: 'manual', candidates: [], winner: 'ada' };
    await consultationCommand(store, clock, 'v4-1', {
      type: 'assign',
      data: { agentId: 'ada', reason },
    });
    // Before v4: the same assignment without acceptTimerId, followed by a TimerScheduled.
    await consultationCommand(store, clock, 'v3-1', openCommand('v3-1'));
    const [v4] = await store.readStream('consultation-v4-1', { fromRevision: 1 });
    const { acceptTimerId: _none, ...v3Data } = v4!.data as Record<string, unknown>;
    const due = (v4!.data as { acceptDeadline: string }).acceptDeadline;
    await store.appendToStream('consultation-v3-1', [
      {
        id: '7d0c3e1a-5b2f-4c6d-8e9f-0a1b2c3d4e5f',
        type: 'ConsultationAssigned',
        data: { ...v3Data, consultationId: 'v3-1' },
        metadata: { version: 3 },
      },
      {
        id: '7d0c3e1a-5b2f-4c6d-8e9f-0a1b2c3d4e60',
        type: 'TimerScheduled',
        data: {
          consultationId: 'v3-1',
          timerId: 'v3-1:accept_timeout:0',
          kind: 'accept_timeout',
          dueAt: due,
        },
        metadata: { version: 1 },
      },
    ]);
    const timers = new FakeTimerClock(clock);
    const live = scheduler(timers);
    await live.start();
    expect(live.pendingTimers().sort()).toEqual(['v3-1:accept_timeout:0', 'v4-1:accept_timeout:0']);
    timers.advance(new Date(due).getTime() - clock.now().getTime());
    await settle(live);
    expect(await fired()).toEqual(
      new Map([
        ['v4-1:accept_timeout:0', 1],
        ['v3-1:accept_timeout:0', 1],
      ]),
    );
    const requeued = await store.readAll({ filter: { eventTypes: ['ConsultationRequeued'] } });
    expect(requeued.map((e) => e.streamId).sort()).toEqual([
      'consultation-v3-1',
      'consultation-v4-1',
    ]);
    await live.stop();
  });

  it('the system timer clock fires past-due callbacks and honours disarm', async () => {
    const system = new SystemTimerClock({ now: () => new Date() });
    const calls: string[] = [];
    system.arm(new Date(Date.now() - 1000), () => calls.push('past'));
    const disarm = system.arm(new Date(Date.now() + 10), () => calls.push('disarmed'));
    disarm();
    system.arm(new Date(Date.now() + 20), () => calls.push('soon'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls).toEqual(['past', 'soon']);
  });
});
