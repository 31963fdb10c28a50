import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthUser, CurrentUser } from '@switchboard/platform';
import { ConsultationIdParams } from '../command-context/id-params.dto';
import { FaqMatchQuery, FaqMatchResponse, SuggestionsResponse } from './faq-match.dto';
import { FaqDomainParams } from './faq-params.dto';
import { ConsultationSuggestionsQuery, MatchFaqQuery } from './faq-read.queries';

const DEFAULT_LIMIT = 5;

@ApiTags('faq')
@Controller('v1/faq/:domain')
export class FaqMatchController {
  constructor(private readonly queries: QueryBus) {}

  @Get('match')
  @ApiOperation({
    summary: "Rank a domain's FAQ for a text",
    description: 'Any signed-in user. `autoAnswer` is the best match at or above the threshold.',
  })
  @ApiOkResponse({ type: FaqMatchResponse })
  @ApiErrors(400)
  match(
    @Param() { domain }: FaqDomainParams,
    @Query() { text, limit }: FaqMatchQuery,
  ): Promise<FaqMatchResponse> {
    return this.queries.execute(new MatchFaqQuery(domain, text, limit ?? DEFAULT_LIMIT));
  }
}

@ApiTags('consultations')
@Controller('v1/consultations')
export class ConsultationSuggestionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/suggestions')
  @ApiOperation({
    summary: 'FAQ answers and canned replies ranked for the current message',
    description:
      'For the agent the consultation is assigned to (403 for anyone else): the FAQ entries ' +
      "and canned replies of the consultation's domain, best first, for `text` (the message " +
      'the agent is answering).',
  })
  @ApiOkResponse({ type: SuggestionsResponse })
  @ApiErrors(400, 403, 404)
  suggestions(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: ConsultationIdParams,
    @Query() { text, limit }: FaqMatchQuery,
  ): Promise<SuggestionsResponse> {
    return this.queries.execute(
      new ConsultationSuggestionsQuery(actor, id, text, limit ?? DEFAULT_LIMIT),
    );
  }
}
