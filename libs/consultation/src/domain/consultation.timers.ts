import { isoTime } from '@switchboard/es-core';
import { type TimerCancelled, type TimerKind, type TimerScheduled } from './consultation.events';
import { type OpenedConsultation, type PendingTimer } from './consultation.state';
import { type ConsultationPolicy } from './consultation.policy';

/**
 * Timer ids are `<consultationId>:<kind>:<n>`, n = how many timers the stream had scheduled
 * before: derived from state, so deterministic on retry and unique within the stream. A
 * rescheduled timer always gets a new id, so a stale fire of the old id is a no-op.
 */
export function timerId(consultationId: string, kind: TimerKind, sequence: number): string {
  return `${consultationId}:${kind}:${sequence}`;
}

export function addMs(at: string | Date, ms: number): string {
  return isoTime((typeof at === 'string' ? Date.parse(at) : at.getTime()) + ms);
}

/** Schedules timers in order; ids continue from the state's counter. */
export function schedule(
  s: OpenedConsultation,
  timers: readonly { readonly kind: TimerKind; readonly dueAt: string }[],
): TimerScheduled[] {
  return timers.map(({ kind, dueAt }, i) => ({
    type: 'TimerScheduled',
    version: 1,
    data: {
      consultationId: s.consultationId,
      timerId: timerId(s.consultationId, kind, s.timersScheduled + i),
      kind,
      dueAt,
    },
  }));
}

/** Cancels the pending timers that match (all of them by default). */
export function cancel(
  s: OpenedConsultation,
  which: (timer: PendingTimer) => boolean = () => true,
): TimerCancelled[] {
  return s.pendingTimers.filter(which).map((t) => ({
    type: 'TimerCancelled',
    version: 1,
    data: { consultationId: s.consultationId, timerId: t.timerId, kind: t.kind },
  }));
}

/** Idle warning and idle close, both counted from the last activity `from`. */
export function scheduleIdle(
  s: OpenedConsultation,
  policy: ConsultationPolicy,
  from: string,
): TimerScheduled[] {
  return schedule(s, [
    { kind: 'idle_warning', dueAt: addMs(from, policy.idleWarningAfterMs) },
    { kind: 'idle_close', dueAt: addMs(from, policy.idleCloseAfterMs) },
  ]);
}
