/**
 * The data service's read model is a set of facts, not running totals.
 *
 * A topic message becomes zero or more facts (`toFacts`, pure). Each fact has a stable `id`
 * derived from the message (so a redelivered message yields the same ids and inserting it
 * again changes nothing) and belongs to one `subject` (`consultation:<id>`, `agent:<id>`,
 * `customer:<id>`, `order:<id>`). Metrics are computed at query time from the facts of the
 * subjects involved, sorted by time, so the figures do not depend on the order in which
 * messages of different topics or partitions arrived: a rebuild from offset 0 gives the same
 * numbers as the live projection.
 */
export interface Fact {
  /** Unique and stable: e.g. `<envelope id>` or `<envelope id>:<n>`. Idempotency key. */
  readonly id: string;
  /** `<kind>:<id>`, e.g. `consultation:3f2a…`. */
  readonly subject: string;
  /** What happened, e.g. `opened`, `assigned`, `message`, `status`, `order`. */
  readonly kind: string;
  /** When it happened (ISO-8601 UTC), from the event's own time. */
  readonly at: string;
  /** Global order tie-breaker within one subject: the envelope's stream revision. */
  readonly revision: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export type SubjectKind = 'consultation' | 'agent' | 'customer' | 'order';

export function subjectOf(kind: SubjectKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * The fact kinds and their `data`, per subject. This is the contract between the projection
 * (`toFacts`), the metrics (`computeMetrics`) and the user module (timelines): add kinds, do not
 * change existing ones. Times live in `Fact.at`, not in `data`.
 */
export interface ConsultationFactData {
  /** ConsultationOpened. */
  readonly opened: {
    readonly customerId: string;
    readonly domain: string;
    readonly group: string | null;
    readonly conversationId: string;
    readonly subject: string | null;
  };
  /** ConsultationAssigned (routing or transfer to an agent). */
  readonly assigned: { readonly agentId: string; readonly group: string | null };
  readonly accepted: { readonly agentId: string };
  readonly requeued: { readonly agentId: string; readonly reason: string };
  readonly transferred: {
    readonly fromAgentId: string;
    readonly toAgentId: string | null;
    readonly toGroup: string | null;
    readonly by: string;
  };
  readonly resolved: { readonly agentId: string };
  readonly reopened: { readonly previousAgentId: string };
  readonly closed: {
    readonly by: 'agent' | 'customer' | 'system';
    readonly reason: string;
    readonly agentId: string | null;
  };
  readonly rated: { readonly score: number; readonly comment: string | null };
  /** MessagePosted in the consultation's conversation (system messages included, flagged). */
  readonly message: {
    readonly messageId: string;
    readonly seq: number;
    readonly senderId: string;
    readonly senderRole: 'customer' | 'agent' | 'supervisor' | 'admin' | 'system';
    readonly internal: boolean;
  };
}

export interface AgentFactData {
  /** AgentRegistered. */
  readonly registered: {
    readonly name: string | null;
    readonly groups: readonly string[];
    readonly capacity: number;
  };
  /** AgentStatusChanged (and the initial `offline` of AgentRegistered is implied). */
  readonly status: { readonly status: 'online' | 'away' | 'offline' };
  readonly groups: { readonly groups: readonly string[] };
  readonly capacity: { readonly capacity: number };
  /** AgentConsultationTaken: the agent's load grew (occupancy and workload count these). */
  readonly taken: { readonly consultationId: string; readonly load: number };
  /** AgentConsultationReleased: `reason` e.g. `resolved`, `closed`, `transferred`; null if not given. */
  readonly released: {
    readonly consultationId: string;
    readonly load: number;
    readonly reason: string | null;
  };
}

export interface CustomerFactData {
  /** ConsultationOpened, indexed by customer for timelines and conversion. */
  readonly consultation: { readonly consultationId: string; readonly domain: string };
  /** OrderPlaced on `commerce.orders.v1`. */
  readonly order: {
    readonly orderId: string;
    readonly domain: string | null;
    /** Amount in the currency's minor unit (cents). */
    readonly amountMinor: number;
    readonly currency: string;
  };
  /** ConsultationRated, indexed by customer for the satisfaction history. */
  readonly rating: { readonly consultationId: string; readonly score: number };
}
