import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthUser, CurrentUser, Roles } from '@switchboard/platform';
import type { CustomerProfile, SatisfactionHistory, TimelinePage } from '../domain';
import { TimelineQueryDto } from './customer-views.dto';
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

/** The calling customer's own views; empty (not 404) before their first consultation. */
@ApiTags('customers')
@Controller('v1/me')
@Roles('customer')
export class MeController {
  constructor(private readonly queries: QueryBus) {}

  @Get('profile')
  @ApiOperation({ summary: 'My profile in figures' })
  @ApiOkResponse({ type: CustomerProfileView })
  profile(@CurrentUser() me: AuthUser): Promise<CustomerProfile> {
    return this.queries.execute(new GetCustomerProfileQuery(me, me.userId));
  }

  @Get('timeline')
  @ApiOperation({ summary: 'My timeline, newest page first (no internal notes)' })
  @ApiOkResponse({ type: TimelinePageView })
  @ApiErrors(400)
  timeline(@CurrentUser() me: AuthUser, @Query() page: TimelineQueryDto): Promise<TimelinePage> {
    return this.queries.execute(new GetCustomerTimelineQuery(me, me.userId, page));
  }

  @Get('satisfaction')
  @ApiOperation({ summary: 'My ratings with a running average' })
  @ApiOkResponse({ type: SatisfactionHistoryView })
  satisfaction(@CurrentUser() me: AuthUser): Promise<SatisfactionHistory> {
    return this.queries.execute(new GetSatisfactionHistoryQuery(me, me.userId));
  }
}
