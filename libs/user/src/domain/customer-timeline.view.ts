import type { Fact } from '@switchboard/data';
import { compareByTime, type CustomerFacts, customerDataOf, dataOf } from './customer-facts';
import { encodeCursor, positionOf, type TimelinePosition } from './timeline-cursor';

export const TIMELINE_ENTRY_TYPES = [
  'consultation.opened',
  'consultation.assigned',
  'consultation.transferred',
  'consultation.resolved',
  'consultation.reopened',
  'consultation.closed',
  'message',
  'rating',
  'order',
] as const;

export type TimelineEntryType = (typeof TIMELINE_ENTRY_TYPES)[number];

/** One thing that happened to or by the customer. `data` depends on `type` (see README). */
export interface TimelineEntry {
  /** The fact's id: stable across rebuilds. */
  readonly id: string;
  readonly type: TimelineEntryType;
  readonly at: string;
  readonly consultationId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface TimelinePage {
  readonly customerId: string;
  /** Oldest first; the newest `limit` entries before the requested position. */
  readonly items: readonly TimelineEntry[];
  /** Pass as `before` for the previous (older) page; null on the oldest page. */
  readonly nextBefore: string | null;
}

export interface TimelineRequest {
  /** Staff see internal notes; customers never do. */
  readonly includeInternal: boolean;
  readonly before?: TimelinePosition;
  readonly limit: number;
}

/**
 * The customer's behaviour in time order: their consultations' lifecycle, each message, their
 * ratings and orders. Routing internals (accepted, requeued) are left out: they describe the
 * agents, not the customer. Pages walk backwards from the newest entry, like chat history.
 */
export function customerTimeline(facts: CustomerFacts, request: TimelineRequest): TimelinePage {
  const entries: { fact: Fact; entry: TimelineEntry }[] = [];
  const add = (fact: Fact, entry: TimelineEntry | undefined): void => {
    if (entry !== undefined) entries.push({ fact, entry });
  };
  for (const [consultationId, consultationFacts] of facts.consultations) {
    for (const fact of consultationFacts) {
      add(fact, consultationEntry(fact, consultationId, request.includeInternal));
    }
  }
  const orders = new Set<string>();
  for (const fact of [...facts.customer].sort(compareByTime)) {
    const entry = customerEntry(fact);
    // A re-published order is the same order: the first one stands (as in the profile).
    if (entry === undefined || orders.has(String(entry.data.orderId))) continue;
    orders.add(String(entry.data.orderId));
    add(fact, entry);
  }
  entries.sort((a, b) => compareByTime(a.fact, b.fact));

  const before = request.before;
  const older =
    before === undefined ? entries : entries.filter(({ fact }) => compareByTime(fact, before) < 0);
  const page = older.slice(Math.max(0, older.length - request.limit));
  const first = page[0];
  return {
    customerId: facts.customerId,
    items: page.map(({ entry }) => entry),
    nextBefore:
      older.length > page.length && first !== undefined
        ? encodeCursor(positionOf(first.fact))
        : null,
  };
}

function consultationEntry(
  fact: Fact,
  consultationId: string,
  includeInternal: boolean,
): TimelineEntry | undefined {
  const entry = (type: TimelineEntryType, data: Record<string, unknown>): TimelineEntry => ({
    id: fact.id,
    type,
    at: fact.at,
    consultationId,
    data,
  });
  switch (fact.kind) {
    case 'opened': {
      const { domain, group, subject } = dataOf(fact, 'opened');
      return entry('consultation.opened', { domain, group, subject });
    }
    case 'assigned':
      return entry('consultation.assigned', { agentId: dataOf(fact, 'assigned').agentId });
    case 'transferred': {
      const { fromAgentId, toAgentId, toGroup } = dataOf(fact, 'transferred');
      return entry('consultation.transferred', { fromAgentId, toAgentId, toGroup });
    }
    case 'resolved':
      return entry('consultation.resolved', { agentId: dataOf(fact, 'resolved').agentId });
    case 'reopened':
      return entry('consultation.reopened', {});
    case 'closed': {
      const { by, reason } = dataOf(fact, 'closed');
      return entry('consultation.closed', { by, reason });
    }
    case 'rated': {
      const { score, comment } = dataOf(fact, 'rated');
      return entry('rating', { score, comment });
    }
    case 'message': {
      const { messageId, seq, senderId, senderRole, internal } = dataOf(fact, 'message');
      if (internal && !includeInternal) return undefined;
      return entry('message', { messageId, seq, senderId, senderRole, internal });
    }
    default:
      return undefined;
  }
}

/** Orders only: the `consultation` and `rating` index facts repeat consultation facts. */
function customerEntry(fact: Fact): TimelineEntry | undefined {
  if (fact.kind !== 'order') return undefined;
  const { orderId, domain, amountMinor, currency } = customerDataOf(fact, 'order');
  return {
    id: fact.id,
    type: 'order',
    at: fact.at,
    consultationId: null,
    data: { orderId, domain, amountMinor, currency },
  };
}
