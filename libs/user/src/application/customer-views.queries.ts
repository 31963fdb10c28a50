import { Query } from '@nestjs/cqrs';
import type { CustomerProfile, SatisfactionHistory, TimelinePage, Viewer } from '../domain';

export const DEFAULT_TIMELINE_LIMIT = 50;
export const MAX_TIMELINE_LIMIT = 200;

/** One customer's profile, as `viewer` may see it (404 otherwise). */
export class GetCustomerProfileQuery extends Query<CustomerProfile> {
  constructor(
    readonly viewer: Viewer,
    readonly customerId: string,
  ) {
    super();
  }
}

/** One page of a customer's timeline; `before` is a `nextBefore` cursor. */
export class GetCustomerTimelineQuery extends Query<TimelinePage> {
  constructor(
    readonly viewer: Viewer,
    readonly customerId: string,
    readonly page: { readonly before?: string; readonly limit?: number },
  ) {
    super();
  }
}

/** Every rating a customer gave, oldest first, with a running average. */
export class GetSatisfactionHistoryQuery extends Query<SatisfactionHistory> {
  constructor(
    readonly viewer: Viewer,
    readonly customerId: string,
  ) {
    super();
  }
}
