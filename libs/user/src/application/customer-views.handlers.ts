import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  type CustomerProfile,
  customerProfile,
  customerTimeline,
  decodeCursor,
  invalidCursor,
  type SatisfactionHistory,
  satisfactionHistory,
  seesInternalNotes,
  type TimelinePage,
} from '../domain';
import { CustomerFactsReader } from './customer-facts.reader';
import {
  DEFAULT_TIMELINE_LIMIT,
  GetCustomerProfileQuery,
  GetCustomerTimelineQuery,
  GetSatisfactionHistoryQuery,
  MAX_TIMELINE_LIMIT,
} from './customer-views.queries';

@QueryHandler(GetCustomerProfileQuery)
export class GetCustomerProfileHandler implements IQueryHandler<GetCustomerProfileQuery> {
  constructor(private readonly reader: CustomerFactsReader) {}

  async execute({ viewer, customerId }: GetCustomerProfileQuery): Promise<CustomerProfile> {
    return customerProfile(await this.reader.loadVisible(viewer, customerId));
  }
}

@QueryHandler(GetCustomerTimelineQuery)
export class GetCustomerTimelineHandler implements IQueryHandler<GetCustomerTimelineQuery> {
  constructor(private readonly reader: CustomerFactsReader) {}

  async execute({ viewer, customerId, page }: GetCustomerTimelineQuery): Promise<TimelinePage> {
    const before = page.before === undefined ? undefined : decodeCursor(page.before);
    if (page.before !== undefined && before === undefined) throw invalidCursor();
    const facts = await this.reader.loadVisible(viewer, customerId);
    return customerTimeline(facts, {
      includeInternal: seesInternalNotes(viewer),
      limit: Math.min(page.limit ?? DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT),
      ...(before === undefined ? {} : { before }),
    });
  }
}

@QueryHandler(GetSatisfactionHistoryQuery)
export class GetSatisfactionHistoryHandler implements IQueryHandler<GetSatisfactionHistoryQuery> {
  constructor(private readonly reader: CustomerFactsReader) {}

  async execute({ viewer, customerId }: GetSatisfactionHistoryQuery): Promise<SatisfactionHistory> {
    return satisfactionHistory(await this.reader.loadVisible(viewer, customerId));
  }
}
