/**
 * The shapes of the REST answers this screen reads (the server's OpenAPI at /docs is the
 * contract; these are the fields used here, kept in the browser bundle without Nest's DTOs).
 */

/** `GET /v1/queues` item: one routing key (`group:<g>` or `domain:<d>`), head first. */
export interface QueueView {
  readonly key: string;
  readonly waiting: readonly QueueEntry[];
}

export interface QueueEntry {
  readonly consultationId: string;
  readonly position: number;
  readonly waitingSince: string;
  readonly domain: string;
  readonly group?: string | null;
}

/** `GET /v1/agents` item. */
export interface AgentView {
  readonly agentId: string;
  readonly name: string | null;
  readonly status: 'online' | 'away' | 'offline';
  readonly capacity: number;
  readonly load: number;
  readonly groups: readonly string[];
  readonly statusSince: string;
}

/** `GET /v1/consultations` item (fields this screen shows). */
export interface ConsultationView {
  readonly id: string;
  readonly state: 'pending' | 'assigned' | 'resolved' | 'closed';
  readonly customerId: string;
  readonly domain: string;
  readonly group: string | null;
  readonly subject: string | null;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  readonly rating: { readonly score: number; readonly comment: string | null } | null;
}

export interface ConsultationPage {
  readonly items: readonly ConsultationView[];
  readonly nextCursor: string | null;
}

/** One `GET /v1/metrics` row (docs/metrics.md defines every figure). */
export interface MetricRow {
  readonly bucketStart: string;
  readonly key: string;
  readonly opened: number;
  readonly resolved: number;
  readonly closed: number;
  readonly ratings: number;
  readonly firstResponseAvgMs: number | null;
  readonly resolutionAvgMs: number | null;
  readonly csatAvg: number | null;
  readonly csatPositiveShare: number | null;
  readonly onlineMs: number | null;
  readonly occupiedMs: number | null;
  readonly occupancy: number | null;
  readonly workloadAvg: number | null;
}

export interface MetricsReport {
  readonly query: { readonly from: string; readonly to: string; readonly bucket: string };
  readonly rows: readonly MetricRow[];
}

/** A weighted criterion of a scorecard template. */
export interface Criterion {
  readonly criterionId: string;
  readonly label: string;
  readonly weight: number;
  readonly maxPoints: number;
}

/** `GET /v1/qa/scorecards/:templateId`. */
export interface ScorecardTemplate {
  readonly templateId: string;
  readonly name: string;
  readonly templateVersion: number;
  readonly criteria: readonly Criterion[];
}

export interface AppliedScorecard {
  readonly templateId: string;
  readonly templateVersion: number;
  readonly inspectorId: string;
  readonly criteria: readonly (Criterion & { points: number; note: string | null })[];
  /** Weighted total 0..100, computed and stored by the server. */
  readonly total: number;
  readonly at: string;
}

export interface AutomaticChecks {
  readonly at: string;
  readonly slaSeconds: number;
  readonly firstResponseSeconds: number | null;
  readonly firstResponseWithinSla: boolean | null;
  readonly greetingSent: boolean;
  readonly bannedWordsAbsent: boolean | 'not_available';
}

/** `GET /v1/qa/inspections/:consultationId`. */
export interface Inspection {
  readonly consultationId: string;
  readonly scorecards: readonly AppliedScorecard[];
  readonly automaticChecks: readonly AutomaticChecks[];
}
