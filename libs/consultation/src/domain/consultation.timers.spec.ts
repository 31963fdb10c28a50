import { describe, expect, it } from 'vitest';
import { deciderSpec } from '@switchboard/testing';
import { fold } from '@switchboard/es-core';
import {
  type ConsultationAssigned,
  type ConsultationCommand,
  type ConsultationEvent,
  ConsultationErrorCode as Code,
  type ConsultationState,
  timerId,
} from './index';
import { CID, HISTORY, POLICY, T, command, decider, ev, plus } from './test/consultation.fixtures';

/** Decides and appends, like the command handler does, so a test can chain commands. */
function run(history: readonly ConsultationEvent[], cmd: ConsultationCommand) {
  const events = decider.decide(cmd, fold(decider, history));
  return { events, history: [...history, ...events] };
}
const pendingIds = (state: ConsultationState) =>
  state.status === 'initial' ? [] : state.pendingTimers.map((t) => t.timerId);
const fire = (id: string, now: string) => command('fireTimer', { timerId: id }, now);

const ACCEPT_0 = timerId(CID, 'accept_timeout', 0);
const IDLE_WARNING_1 = timerId(CID, 'idle_warning', 1);
const IDLE_CLOSE_2 = timerId(CID, 'idle_close', 2);
const acceptDue = plus(T.assign, POLICY.acceptTimeoutMs);
const idleCloseDue = plus(T.accept, POLICY.idleCloseAfterMs);

describe('consultation timers', () => {
  it('ids are deterministic: <consultationId>:<kind>:<count scheduled before>', () => {
    expect(ACCEPT_0).toBe('c-1:accept_timeout:0');
    const state = fold(decider, HISTORY.accepted);
    expect(state.status !== 'initial' && state.pendingTimers).toEqual([
      { timerId: IDLE_WARNING_1, kind: 'idle_warning', dueAt: plus(T.accept, 300_000) },
      { timerId: IDLE_CLOSE_2, kind: 'idle_close', dueAt: idleCloseDue },
    ]);
  });

  it('fires exactly once: the second fire of the same id decides nothing', () => {
    const first = run(HISTORY.awaiting_accept, fire(ACCEPT_0, acceptDue));
    expect(first.events.map((e) => e.type)).toEqual(['TimerFired', 'ConsultationRequeued']);
    deciderSpec(decider).given(first.history).when(fire(ACCEPT_0, T.now)).then([]);
  });

  it('a cancelled timer fires nothing (accept cancelled the accept timeout)', () => {
    deciderSpec(decider).given(HISTORY.accepted).when(fire(ACCEPT_0, T.now)).then([]);
  });

  it('an unknown timer id fires nothing', () => {
    deciderSpec(decider).given(HISTORY.accepted).when(fire('c-1:idle_close:99', T.now)).then([]);
  });

  it('a timer is not fired before it is due', () => {
    const error = deciderSpec(decider)
      .given(HISTORY.awaiting_accept)
      .when(fire(ACCEPT_0, plus(acceptDue, -1)))
      .thenFails(Code.TimerNotDue);
    expect(error.details).toMatchObject({ timerId: ACCEPT_0, dueAt: acceptDue });
    deciderSpec(decider)
      .given(HISTORY.awaiting_accept)
      .when(fire(ACCEPT_0, acceptDue))
      .then([
        ev.fired('accept_timeout', 0, acceptDue),
        ev.requeued('agent-1', 'accept_timeout', acceptDue),
      ]);
  });

  it('activity only records itself; the idle timers stay as they are', () => {
    const activityAt = plus(T.accept, 4 * 60_000);
    const after = run(HISTORY.accepted, command('recordActivity', { by: 'agent', at: activityAt }));
    expect(after.events).toEqual([ev.activity('agent', activityAt)]);
    expect(pendingIds(fold(decider, after.history))).toEqual([IDLE_WARNING_1, IDLE_CLOSE_2]);
  });

  it('an idle timer due before the idle clock says re-arms from the last activity', () => {
    const activityAt = plus(T.accept, 4 * 60_000);
    const active = run(
      HISTORY.accepted,
      command('recordActivity', { by: 'customer', at: activityAt }),
    );
    const warningDue = plus(T.accept, POLICY.idleWarningAfterMs);
    const rearmed = run(active.history, fire(IDLE_WARNING_1, warningDue));
    expect(rearmed.events).toEqual([
      ev.fired('idle_warning', 1, warningDue),
      ev.scheduled('idle_warning', 3, plus(activityAt, POLICY.idleWarningAfterMs)),
    ]);
    // The close timer comes due from the acceptance, still too early: it re-arms too.
    const closeRearmed = run(rearmed.history, fire(IDLE_CLOSE_2, idleCloseDue));
    expect(closeRearmed.events).toEqual([
      ev.fired('idle_close', 2, idleCloseDue),
      ev.scheduled('idle_close', 4, plus(activityAt, POLICY.idleCloseAfterMs)),
    ]);
    // From the activity on, nothing more happens: warning, then close, at their new times.
    const newWarning = plus(activityAt, POLICY.idleWarningAfterMs);
    const warned = run(closeRearmed.history, fire(timerId(CID, 'idle_warning', 3), newWarning));
    expect(warned.events).toEqual([
      ev.fired('idle_warning', 3, newWarning),
      ev.idleWarning(3, newWarning),
    ]);
    const newClose = plus(activityAt, POLICY.idleCloseAfterMs);
    deciderSpec(decider)
      .given(warned.history)
      .when(fire(timerId(CID, 'idle_close', 4), newClose))
      .then([
        ev.fired('idle_close', 4, newClose),
        ev.closed('system', 'inactivity', 'agent-1', newClose),
      ]);
  });

  it('a warning given before new activity is given again after a new idle period', () => {
    const warningDue = plus(T.accept, POLICY.idleWarningAfterMs);
    const warned = run(HISTORY.accepted, fire(IDLE_WARNING_1, warningDue));
    const activityAt = plus(warningDue, 1_000);
    const active = run(
      warned.history,
      command('recordActivity', { by: 'customer', at: activityAt }),
    );
    deciderSpec(decider)
      .given(active.history)
      .when(fire(IDLE_CLOSE_2, idleCloseDue))
      .then([
        ev.fired('idle_close', 2, idleCloseDue),
        ev.scheduled('idle_warning', 3, plus(activityAt, POLICY.idleWarningAfterMs)),
        ev.scheduled('idle_close', 4, plus(activityAt, POLICY.idleCloseAfterMs)),
      ]);
  });

  it('an older or repeated activity changes nothing and keeps the idle timers', () => {
    const at = plus(T.accept, 60_000);
    const once = run(HISTORY.accepted, command('recordActivity', { by: 'customer', at }));
    deciderSpec(decider)
      .given(once.history)
      .when(command('recordActivity', { by: 'customer', at }))
      .then([]);
    deciderSpec(decider)
      .given(once.history)
      .when(command('recordActivity', { by: 'customer', at: plus(at, -1) }))
      .then([]);
    // The other side at an older time is recorded, but the idle clock does not move back.
    deciderSpec(decider)
      .given(once.history)
      .when(command('recordActivity', { by: 'agent', at: plus(at, -1) }))
      .then([ev.activity('agent', plus(at, -1))]);
  });

  it('idle warning, then idle close: closed by the system for inactivity', () => {
    const warned = run(HISTORY.accepted, fire(IDLE_WARNING_1, idleCloseDue));
    expect(warned.events).toEqual([
      ev.fired('idle_warning', 1, idleCloseDue),
      ev.idleWarning(1, idleCloseDue),
    ]);
    deciderSpec(decider)
      .given(warned.history)
      .when(fire(IDLE_CLOSE_2, idleCloseDue))
      .then([
        ev.fired('idle_close', 2, idleCloseDue),
        ev.closed('system', 'inactivity', 'agent-1', idleCloseDue),
      ]);
  });

  it('idle close before the warning fired cancels the warning', () => {
    deciderSpec(decider)
      .given(HISTORY.accepted)
      .when(fire(IDLE_CLOSE_2, idleCloseDue))
      .then([
        ev.fired('idle_close', 2, idleCloseDue),
        ev.closed('system', 'inactivity', 'agent-1', idleCloseDue),
        ev.cancelled('idle_warning', 1),
      ]);
  });

  it('close and reopen cancel what is pending; nothing survives a close', () => {
    expect(pendingIds(fold(decider, HISTORY.closed))).toEqual([]);
    const reopened = run(HISTORY.resolved, command('reopen', {}));
    expect(pendingIds(fold(decider, reopened.history))).toEqual([]);
  });

  it('every pending timer can be rebuilt by folding the stream alone', () => {
    const assignedAgain = run(
      run(HISTORY.awaiting_accept, fire(ACCEPT_0, acceptDue)).history,
      command('assign', {
        agentId: 'agent-2',
        reason: { strategy: 'manual', candidates: [], winner: 'agent-2' },
      }),
    );
    const state = fold(decider, assignedAgain.history);
    expect(state.status !== 'initial' && state.pendingTimers).toEqual([
      { timerId: 'c-1:accept_timeout:1', kind: 'accept_timeout', dueAt: plus(T.now, 60_000) },
    ]);
  });

  it('state folds the same from stored (JSON) events, so a restart sees the same timers', () => {
    const stored = JSON.parse(JSON.stringify(HISTORY.accepted)) as ConsultationEvent[];
    expect(fold(decider, stored)).toEqual(fold(decider, HISTORY.accepted));
    deciderSpec(decider)
      .given(stored)
      .when(fire(IDLE_WARNING_1, T.now))
      .then([ev.fired('idle_warning', 1, T.now), ev.idleWarning(1, T.now)]);
  });

  it('the accept timeout follows acceptTimeoutMs from the assign command over the policy', () => {
    const events = decider.decide(
      command('assign', {
        agentId: 'agent-2',
        reason: { strategy: 'manual', candidates: [], winner: 'agent-2' },
        acceptTimeoutMs: 5_000,
      }),
      fold(decider, HISTORY.pending),
    );
    expect(events).toHaveLength(1); // the assignment schedules its own accept timeout (D45)
    expect(events[0]).toMatchObject({
      data: { acceptTimerId: ACCEPT_0, acceptDeadline: plus(T.now, 5_000) },
    });
    const after = fold(decider, [...HISTORY.pending, ...events]);
    expect(after.status !== 'initial' && after.pendingTimers).toEqual([
      { timerId: ACCEPT_0, kind: 'accept_timeout', dueAt: plus(T.now, 5_000) },
    ]);
  });

  it('folds streams stored before v4 (a TimerScheduled after the assignment) the same way', () => {
    const [opened, assigned] = HISTORY.awaiting_accept as [ConsultationEvent, ConsultationEvent];
    const { acceptTimerId, ...v3Data } = (assigned as ConsultationAssigned).data;
    const v3 = { ...assigned, version: 3, data: v3Data } as ConsultationEvent;
    const timer = ev.scheduled('accept_timeout', 0, plus(T.assign, POLICY.acceptTimeoutMs));
    expect(acceptTimerId).toBe(ACCEPT_0);
    const before = fold(decider, [opened, v3, timer]);
    expect(before).toEqual(fold(decider, HISTORY.awaiting_accept));
    expect(run([opened, v3, timer], fire(ACCEPT_0, acceptDue)).events).toEqual([
      ev.fired('accept_timeout', 0, acceptDue),
      ev.requeued('agent-1', 'accept_timeout', acceptDue),
    ]);
  });
});
