import type { Fact } from '@switchboard/data';
import {
  compareByTime,
  compareText,
  type CustomerFacts,
  customerDataOf,
  dataOf,
  domainsByConsultation,
  roundAverage,
  summarizeConsultations,
} from './customer-facts';
import { ratingsOf } from './satisfaction-history.view';

export interface CurrencyTotal {
  readonly currency: string;
  /** Sum in the currency's minor unit (cents). */
  readonly amountMinor: number;
}

/** What the read model says about one customer, in figures. */
export interface CustomerProfile {
  readonly customerId: string;
  /** Earliest / latest thing the customer did (see `isCustomerActivity`); null without any. */
  readonly firstSeenAt: string | null;
  readonly lastSeenAt: string | null;
  /** Domains of their consultations and orders, sorted. */
  readonly domains: readonly string[];
  readonly consultations: {
    readonly total: number;
    /** Not closed yet: pending, assigned or resolved. */
    readonly open: number;
    readonly closed: number;
  };
  /** Messages the customer posted in their consultations. */
  readonly messagesSent: number;
  readonly ratings: { readonly count: number; readonly average: number | null };
  readonly orders: { readonly count: number; readonly totals: readonly CurrencyTotal[] };
}

export function customerProfile(facts: CustomerFacts): CustomerProfile {
  const summaries = summarizeConsultations(facts);
  const closed = summaries.filter((summary) => summary.status === 'closed').length;
  const consultationFacts = [...facts.consultations.values()].flat();
  const activity = [...facts.customer, ...consultationFacts]
    .filter((fact) => isCustomerActivity(fact, facts.customerId))
    .map((fact) => fact.at)
    .sort(compareText);
  const orders = ordersOf(facts.customer);
  const ratings = ratingsOf(facts);
  const domains = new Set(domainsByConsultation(facts).values());
  for (const order of orders) if (order.domain !== null) domains.add(order.domain);
  return {
    customerId: facts.customerId,
    firstSeenAt: activity[0] ?? null,
    lastSeenAt: activity.at(-1) ?? null,
    domains: [...domains].sort(compareText),
    consultations: { total: summaries.length, open: summaries.length - closed, closed },
    messagesSent: consultationFacts.filter((fact) => isCustomerMessage(fact, facts.customerId))
      .length,
    ratings: {
      count: ratings.length,
      average: roundAverage(
        ratings.reduce((sum, rating) => sum + rating.score, 0),
        ratings.length,
      ),
    },
    orders: { count: orders.length, totals: totalsByCurrency(orders) },
  };
}

/**
 * Something the customer did: opened a consultation, posted, rated, ordered, or closed a
 * consultation themselves. Agents' and the system's actions do not make a customer "seen".
 */
export function isCustomerActivity(fact: Fact, customerId: string): boolean {
  switch (fact.kind) {
    case 'consultation':
    case 'order':
    case 'rating':
    case 'opened':
    case 'rated':
      return true;
    case 'message':
      return isCustomerMessage(fact, customerId);
    case 'closed':
      return dataOf(fact, 'closed').by === 'customer';
    default:
      return false;
  }
}

function isCustomerMessage(fact: Fact, customerId: string): boolean {
  if (fact.kind !== 'message') return false;
  const message = dataOf(fact, 'message');
  return message.senderRole === 'customer' && message.senderId === customerId;
}

type Order = ReturnType<typeof customerDataOf<'order'>>;

/** One order per order id (a re-published order counts once: the first one). */
function ordersOf(customerFacts: readonly Fact[]): Order[] {
  const orders = new Map<string, Order>();
  for (const fact of [...customerFacts].sort(compareByTime)) {
    if (fact.kind !== 'order') continue;
    const order = customerDataOf(fact, 'order');
    if (!orders.has(order.orderId)) orders.set(order.orderId, order);
  }
  return [...orders.values()];
}

function totalsByCurrency(orders: readonly Order[]): CurrencyTotal[] {
  const totals = new Map<string, number>();
  for (const order of orders) {
    totals.set(order.currency, (totals.get(order.currency) ?? 0) + order.amountMinor);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));
}
