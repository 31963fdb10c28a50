import { type QueueState } from './queue.events';

/** Position (1 = next to be served) of every waiting consultation. */
export function positionsOf(state: QueueState): Map<string, number> {
  return new Map(state.entries.map((entry, index) => [entry.consultationId, index + 1]));
}

export interface PositionChange {
  readonly consultationId: string;
  readonly position: number;
}

/**
 * The waiting consultations whose position differs between two queue states (newcomers
 * included, leavers not: they get their assignment or closure instead), head first. Exactly
 * the customers who should be sent `consultation.updated {queuePosition}`.
 */
export function positionChanges(before: QueueState, after: QueueState): PositionChange[] {
  const previous = positionsOf(before);
  const changes: PositionChange[] = [];
  for (const [consultationId, position] of positionsOf(after)) {
    if (previous.get(consultationId) !== position) changes.push({ consultationId, position });
  }
  return changes;
}
