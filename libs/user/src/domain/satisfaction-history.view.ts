import type { Fact } from '@switchboard/data';
import {
  compareByTime,
  compareText,
  type CustomerFacts,
  customerDataOf,
  dataOf,
  domainsByConsultation,
  roundAverage,
} from './customer-facts';

/** One rating the customer gave, with the agent who handled the consultation. */
export interface SatisfactionEntry {
  readonly consultationId: string;
  /** The last agent who was assigned, resolved or closed it before the rating; null if none. */
  readonly agentId: string | null;
  readonly domain: string | null;
  readonly score: number;
  readonly comment: string | null;
  readonly at: string;
  /** Average of this and every earlier rating, two decimals. */
  readonly runningAverage: number;
}

export interface SatisfactionHistory {
  readonly customerId: string;
  readonly count: number;
  readonly average: number | null;
  /** Oldest first. */
  readonly ratings: readonly SatisfactionEntry[];
}

type Rating = Omit<SatisfactionEntry, 'runningAverage'>;

/**
 * The customer's ratings. A consultation is rated at most once (the decider refuses a second
 * rating); should the read model hold two, the first counts. The consultation's `rated` fact
 * carries the comment; the `customer:` index `rating` fact stands in when it is missing.
 */
export function ratingsOf(facts: CustomerFacts): Rating[] {
  const ratings = new Map<string, Rating>();
  const domains = domainsByConsultation(facts);
  for (const [consultationId, consultationFacts] of facts.consultations) {
    const rating = ratingIn(consultationId, consultationFacts, domains.get(consultationId) ?? null);
    if (rating !== undefined) ratings.set(consultationId, rating);
  }
  for (const fact of [...facts.customer].sort(compareByTime)) {
    if (fact.kind !== 'rating') continue;
    const { consultationId, score } = customerDataOf(fact, 'rating');
    if (ratings.has(consultationId)) continue;
    const handled = facts.consultations.get(consultationId) ?? [];
    ratings.set(consultationId, {
      consultationId,
      agentId: handlerBefore(handled, fact.at),
      domain: domains.get(consultationId) ?? null,
      score,
      comment: null,
      at: fact.at,
    });
  }
  return [...ratings.values()].sort(
    (a, b) => compareText(a.at, b.at) || compareText(a.consultationId, b.consultationId),
  );
}

export function satisfactionHistory(facts: CustomerFacts): SatisfactionHistory {
  let sum = 0;
  const ratings = ratingsOf(facts).map((rating, index): SatisfactionEntry => {
    sum += rating.score;
    return { ...rating, runningAverage: roundAverage(sum, index + 1) ?? rating.score };
  });
  return {
    customerId: facts.customerId,
    count: ratings.length,
    average: roundAverage(sum, ratings.length),
    ratings,
  };
}

function ratingIn(
  consultationId: string,
  facts: readonly Fact[],
  domain: string | null,
): Rating | undefined {
  const sorted = [...facts].sort(compareByTime);
  const rated = sorted.find((fact) => fact.kind === 'rated');
  if (rated === undefined) return undefined;
  const { score, comment } = dataOf(rated, 'rated');
  return {
    consultationId,
    agentId: handlerBefore(sorted, rated.at),
    domain,
    score,
    comment,
    at: rated.at,
  };
}

function handlerBefore(facts: readonly Fact[], at: string): string | null {
  let agentId: string | null = null;
  for (const fact of [...facts].sort(compareByTime)) {
    if (fact.at > at) break;
    if (fact.kind === 'assigned') agentId = dataOf(fact, 'assigned').agentId;
    if (fact.kind === 'resolved') agentId = dataOf(fact, 'resolved').agentId;
    if (fact.kind === 'closed') agentId = dataOf(fact, 'closed').agentId ?? agentId;
  }
  return agentId;
}
