/**
 * One measured figure before aggregation: which metric, the instant that decides its bucket,
 * its value and the dimension keys it counts under. Counts have value 1, durations are in ms,
 * a rating is its score, a conversion the amount of the orders attributed to it.
 */
export type ObservationMetric =
  | 'opened'
  | 'assigned'
  | 'resolved'
  | 'closed'
  | 'abandoned'
  | 'transfers'
  | 'reopened'
  | 'firstResponse'
  | 'firstResponseBusiness'
  | 'response'
  | 'resolution'
  | 'handle'
  | 'queueWait'
  | 'rating'
  | 'conversion';

export interface Observation {
  readonly metric: ObservationMetric;
  /** Epoch ms; the bucket this figure falls into. */
  readonly at: number;
  readonly value: number;
  /** The agent who did the work; null when no agent is involved (opened, abandoned…). */
  readonly agentId: string | null;
  readonly group: string | null;
  readonly domain: string;
}

/** Time an online agent spent in one bucket, and how loaded they were meanwhile. */
export interface PresenceSlice {
  readonly agentId: string;
  /** Epoch ms of the bucket's start. */
  readonly bucketStart: number;
  readonly onlineMs: number;
  /** Online time with at least one consultation held. */
  readonly occupiedMs: number;
  /** Sum over online time of (consultations held × ms): workload = heldMs / onlineMs. */
  readonly heldMs: number;
}
