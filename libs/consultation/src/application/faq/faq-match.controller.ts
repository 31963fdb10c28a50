import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@switchboard/platform';
import { consultationForbidden } from '../command-context/access.errors';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams } from '../command-context/id-params.dto';
import { FaqAutoAnswer } from './faq-auto-answer.service';
import { FaqMatchQuery, FaqMatchResponse, SuggestionsResponse } from './faq-match.dto';
import { FaqDomainParams } from './faq-params.dto';
import { FaqIndex } from './faq.index';
import { ConsultationReader } from './consultation.reader';

@ApiTags('faq')
@Controller('v1/faq/:domain')
export class FaqMatchController {
  constructor(
    private readonly index: FaqIndex,
    private readonly auto: FaqAutoAnswer,
  ) {}

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
  ): FaqMatchResponse {
    return {
      matches: this.index.match(domain, text, limit ?? 5),
      autoAnswer: this.auto.answerFor(domain, text),
      threshold: this.auto.threshold,
    };
  }
}

@ApiTags('consultations')
@Controller('v1/consultations')
export class ConsultationSuggestionsController {
  constructor(
    private readonly index: FaqIndex,
    private readonly consultations: ConsultationReader,
  ) {}

  @Get(':id/suggestions')
  @ApiOperation({
    summary: 'FAQ answers and canned replies ranked for the current message',
    description: 'Only the agent the consultation is assigned to.',
  })
  @ApiOkResponse({ type: SuggestionsResponse })
  @ApiErrors(400, 403, 404)
  async suggestions(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: ConsultationIdParams,
    @Query() { text, limit }: FaqMatchQuery,
  ): Promise<SuggestionsResponse> {
    const consultation = await this.consultations.load(id);
    if (
      actor.role !== 'agent' ||
      consultation.status !== 'assigned' ||
      consultation.assignedAgentId !== actor.userId
    ) {
      throw consultationForbidden('Suggestions are for the agent the consultation is assigned to');
    }
    return {
      faq: this.index.match(consultation.domain, text, limit ?? 5),
      cannedReplies: this.index
        .rankReplies(consultation.domain, text, limit ?? 5)
        .map((reply) => ({ ...reply, tags: [...reply.tags] })),
    };
  }
}
