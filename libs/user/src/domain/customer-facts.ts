import type { ConsultationFactData, CustomerFactData, Fact } from '@switchboard/data';

/**
 * Everything the data service's read model knows about one customer: the facts of subject
 * `customer:<id>` and, per consultation they opened, the facts of `consultation:<id>`. Every
 * view of the user module is a pure function of this.
 */
export interface CustomerFacts {
  readonly customerId: string;
  readonly customer: readonly Fact[];
  /** Consultation id → its facts, in time order (see `compareByTime`). */
  readonly consultations: ReadonlyMap<string, readonly Fact[]>;
}

export type ConsultationStatus = 'pending' | 'assigned' | 'resolved' | 'closed';

/** One consultation folded from its facts: enough for counts and the access rule. */
export interface ConsultationSummary {
  readonly consultationId: string;
  readonly domain: string | null;
  readonly status: ConsultationStatus;
  /** The agent holding it now: set while assigned or resolved, null otherwise. */
  readonly agentId: string | null;
}

/** What facts are ordered by; a timeline cursor holds one. */
export type TimeKey = Pick<Fact, 'at' | 'revision' | 'id'>;

/** Time order across subjects: time, then stream revision, then fact id (always total). */
export function compareByTime(a: TimeKey, b: TimeKey): number {
  return compareText(a.at, b.at) || a.revision - b.revision || compareText(a.id, b.id);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Typed view of a fact's data; the projection wrote it from a schema-checked message. */
export function dataOf<K extends keyof ConsultationFactData>(
  fact: Fact,
  _kind: K,
): ConsultationFactData[K] {
  return fact.data as unknown as ConsultationFactData[K];
}

export function customerDataOf<K extends keyof CustomerFactData>(
  fact: Fact,
  _kind: K,
): CustomerFactData[K] {
  return fact.data as unknown as CustomerFactData[K];
}

/** The consultations a customer opened (or rated), from the `customer:<id>` index facts. */
export function consultationIdsOf(customerFacts: readonly Fact[]): string[] {
  const ids = new Set<string>();
  for (const fact of customerFacts) {
    if (fact.kind === 'consultation') ids.add(customerDataOf(fact, 'consultation').consultationId);
    if (fact.kind === 'rating') ids.add(customerDataOf(fact, 'rating').consultationId);
  }
  return [...ids].sort(compareText);
}

/**
 * Folds a consultation's facts like the consultation decider folds its events: assignment sets
 * the holder; requeue, a transfer to a group, reopen and close take it away; resolve keeps it
 * (the agent may still close the consultation or get it back on reopen).
 */
export function summarizeConsultation(
  consultationId: string,
  facts: readonly Fact[],
): ConsultationSummary {
  let domain: string | null = null;
  let status: ConsultationStatus = 'pending';
  let agentId: string | null = null;
  for (const fact of [...facts].sort(compareByTime)) {
    switch (fact.kind) {
      case 'opened':
        domain = dataOf(fact, 'opened').domain;
        break;
      case 'assigned':
        status = 'assigned';
        agentId = dataOf(fact, 'assigned').agentId;
        break;
      case 'transferred':
        // A transfer to an agent is followed by its own `assigned` fact.
        if (dataOf(fact, 'transferred').toAgentId === null) [status, agentId] = ['pending', null];
        break;
      case 'requeued':
      case 'reopened':
        [status, agentId] = ['pending', null];
        break;
      case 'resolved':
        status = 'resolved';
        break;
      case 'closed':
        [status, agentId] = ['closed', null];
        break;
      default:
        break;
    }
  }
  return { consultationId, domain, status, agentId };
}

/** Every consultation of the customer, folded, in id order. */
export function summarizeConsultations(facts: CustomerFacts): ConsultationSummary[] {
  return [...facts.consultations.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, consultationFacts]) => summarizeConsultation(id, consultationFacts));
}

/** Consultation id → domain, from the `opened` facts or else the customer index. */
export function domainsByConsultation(facts: CustomerFacts): Map<string, string> {
  const domains = new Map<string, string>();
  for (const fact of facts.customer) {
    if (fact.kind !== 'consultation') continue;
    const { consultationId, domain } = customerDataOf(fact, 'consultation');
    domains.set(consultationId, domain);
  }
  for (const [consultationId, consultationFacts] of facts.consultations) {
    const opened = consultationFacts.find((fact) => fact.kind === 'opened');
    if (opened !== undefined) domains.set(consultationId, dataOf(opened, 'opened').domain);
  }
  return domains;
}

/** Rounds an average to two decimals, so equal inputs always print the same figure. */
export function roundAverage(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}
