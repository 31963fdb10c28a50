import type { CustomerFactData, Fact } from './fact';
import type { ConsultationTimeline } from './consultation-timeline';
import type { Observation } from './observation';

interface Attributed {
  readonly firstOrderAt: number;
  amountMinor: number;
}

/**
 * Attributes each order to at most one consultation: the customer's latest consultation
 * opened at or before the order (ties: the greater consultation id), if the order came within
 * `windowMs` of its opening. Gives one `conversion` figure per consultation with at least one
 * order, at the consultation's opening time, valued at the sum of its orders' `amountMinor`
 * and credited to the agent who last got it assigned before its first attributed order.
 *
 * @param customerFacts `consultation` and `order` facts of the timelines' customers
 */
export function conversionObservations(
  timelines: readonly ConsultationTimeline[],
  customerFacts: readonly Fact[],
  windowMs: number,
): Observation[] {
  const opened = new Map<string, { consultationId: string; at: number }[]>();
  const orders: { customerId: string; at: number; amountMinor: number }[] = [];
  for (const fact of customerFacts) {
    const customerId = fact.subject.slice('customer:'.length);
    const at = Date.parse(fact.at);
    if (fact.kind === 'consultation') {
      const { consultationId } = fact.data as CustomerFactData['consultation'];
      opened.set(customerId, [...(opened.get(customerId) ?? []), { consultationId, at }]);
    } else if (fact.kind === 'order') {
      const { amountMinor } = fact.data as CustomerFactData['order'];
      orders.push({ customerId, at, amountMinor });
    }
  }
  const attributed = new Map<string, Attributed>();
  for (const order of orders.sort((a, b) => a.at - b.at || a.amountMinor - b.amountMinor)) {
    let latest: { consultationId: string; at: number } | undefined;
    for (const candidate of opened.get(order.customerId) ?? []) {
      if (candidate.at > order.at) continue;
      const later =
        latest === undefined ||
        candidate.at > latest.at ||
        (candidate.at === latest.at && candidate.consultationId > latest.consultationId);
      if (later) latest = candidate;
    }
    if (latest === undefined || order.at - latest.at > windowMs) continue;
    const entry = attributed.get(latest.consultationId) ?? {
      firstOrderAt: order.at,
      amountMinor: 0,
    };
    entry.amountMinor += order.amountMinor;
    attributed.set(latest.consultationId, entry);
  }
  const observations: Observation[] = [];
  for (const timeline of timelines) {
    const entry = attributed.get(timeline.consultationId);
    if (entry === undefined || timeline.openedAt === null) continue;
    const before = timeline.assignments.filter((a) => a.at <= entry.firstOrderAt).at(-1);
    observations.push({
      metric: 'conversion',
      at: timeline.openedAt,
      value: entry.amountMinor,
      agentId: before === undefined ? null : before.agentId,
      group: timeline.openedGroup,
      domain: timeline.domain,
    });
  }
  return observations;
}
