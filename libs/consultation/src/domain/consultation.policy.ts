import { DomainError } from '@switchboard/es-core';

/**
 * Durations the consultation decider schedules timers with. Supplied once to
 * `consultationDecider(policy)` (the application reads them from configuration); changing them
 * affects only future decisions, never the replay of stored events.
 */
export interface ConsultationPolicy {
  /** Assigned but not accepted for this long → requeued. */
  readonly acceptTimeoutMs: number;
  /** No activity for this long while accepted → `IdleWarningIssued`. */
  readonly idleWarningAfterMs: number;
  /** No activity for this long while accepted → closed by the system (`inactivity`). */
  readonly idleCloseAfterMs: number;
  /** Resolved for this long → closed by the system (`resolved_timeout`). */
  readonly autoCloseAfterResolvedMs: number;
  /** A customer message this soon after resolution reopens the consultation. */
  readonly reopenWindowMs: number;
}

export const DEFAULT_CONSULTATION_POLICY: ConsultationPolicy = {
  acceptTimeoutMs: 60_000,
  idleWarningAfterMs: 5 * 60_000,
  idleCloseAfterMs: 10 * 60_000,
  autoCloseAfterResolvedMs: 30 * 60_000,
  reopenWindowMs: 15 * 60_000,
};

export function isPositiveDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Rejects a policy that would schedule nonsense; called once when the decider is built. */
export function assertValidPolicy(policy: ConsultationPolicy): void {
  for (const [name, value] of Object.entries(policy)) {
    if (!isPositiveDuration(value)) {
      throw new DomainError(
        'CONSULTATION_INVALID_POLICY',
        `${name} must be a positive integer of milliseconds`,
        'invalid_command',
        { field: name, value },
      );
    }
  }
  if (policy.idleWarningAfterMs >= policy.idleCloseAfterMs) {
    throw new DomainError(
      'CONSULTATION_INVALID_POLICY',
      'idleWarningAfterMs must be shorter than idleCloseAfterMs',
      'invalid_command',
      { idleWarningAfterMs: policy.idleWarningAfterMs, idleCloseAfterMs: policy.idleCloseAfterMs },
    );
  }
}
