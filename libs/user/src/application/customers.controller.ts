import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthUser, CurrentUser } from '@switchboard/platform';
import type { CustomerProfile, SatisfactionHistory, TimelinePage } from '../domain';
import { CustomerIdParams, TimelineQueryDto } from './customer-views.dto';
import {
  GetCustomerProfileQuery,
  GetCustomerTimelineQuery,
  GetSatisfactionHistoryQuery,
} from './customer-views.queries';
import {
  CustomerProfileView,
  SatisfactionHistoryView,
  TimelinePageView,
} from './customer-views.responses';

const WHO =
  'Customers: only themselves. Agents: a customer one of whose consultations they hold now ' +
  '(assigned to them, or resolved by them and not closed). Supervisors, admins: anyone. ' +
  'Anyone else gets the 404 of an unknown customer. Served from the data read model, which ' +
  'follows the topics and may lag a write slightly.';

/** A customer seen by staff (or by themselves): views over the data service's read model. */
@ApiTags('customers')
@Controller('v1/customers/:customerId')
export class CustomersController {
  constructor(private readonly queries: QueryBus) {}

  @Get('profile')
  @ApiOperation({ summary: "A customer's profile in figures", description: WHO })
  @ApiOkResponse({ type: CustomerProfileView })
  @ApiErrors(400, 404)
  profile(
    @CurrentUser() viewer: AuthUser,
    @Param() params: CustomerIdParams,
  ): Promise<CustomerProfile> {
    return this.queries.execute(new GetCustomerProfileQuery(viewer, params.customerId));
  }

  @Get('timeline')
  @ApiOperation({
    summary: "A customer's behaviour timeline, newest page first, entries oldest first",
    description: `${WHO} Internal notes appear for staff only.`,
  })
  @ApiOkResponse({ type: TimelinePageView })
  @ApiErrors(400, 404)
  timeline(
    @CurrentUser() viewer: AuthUser,
    @Param() params: CustomerIdParams,
    @Query() page: TimelineQueryDto,
  ): Promise<TimelinePage> {
    return this.queries.execute(new GetCustomerTimelineQuery(viewer, params.customerId, page));
  }

  @Get('satisfaction')
  @ApiOperation({ summary: "A customer's ratings with a running average", description: WHO })
  @ApiOkResponse({ type: SatisfactionHistoryView })
  @ApiErrors(400, 404)
  satisfaction(
    @CurrentUser() viewer: AuthUser,
    @Param() params: CustomerIdParams,
  ): Promise<SatisfactionHistory> {
    return this.queries.execute(new GetSatisfactionHistoryQuery(viewer, params.customerId));
  }
}
