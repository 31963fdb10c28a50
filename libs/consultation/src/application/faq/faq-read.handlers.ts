import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { entryNotFound, type FaqState, replyNotFound } from '../../domain/faq';
import { consultationForbidden } from '../command-context/access.errors';
import { type CannedReplyView } from './canned-reply.dto';
import { ConsultationReader } from './consultation.reader';
import { FaqAutoAnswer } from './faq-auto-answer.service';
import { FaqCommandRunner } from './faq-command.runner';
import { type FaqEntryView } from './faq-entry.dto';
import { type FaqMatchResponse, type SuggestionsResponse } from './faq-match.dto';
import {
  ConsultationSuggestionsQuery,
  GetCannedReplyQuery,
  GetFaqEntryQuery,
  ListCannedRepliesQuery,
  ListFaqEntriesQuery,
  MatchFaqQuery,
} from './faq-read.queries';
import { FaqIndex } from './faq.index';

export function entryIn(state: FaqState, entryId: string): FaqEntryView {
  const entry = state.entries.get(entryId);
  if (entry === undefined) throw entryNotFound(entryId);
  return {
    ...entry,
    keywords: [...entry.keywords],
    alternativeQuestions: [...entry.alternativeQuestions],
  };
}

export function replyIn(state: FaqState, replyId: string): CannedReplyView {
  const reply = state.replies.get(replyId);
  if (reply === undefined) throw replyNotFound(replyId);
  return { ...reply, tags: [...reply.tags] };
}

/** Entries and replies are folded from the `faq-<domain>` stream: what was stored, now. */
@QueryHandler(ListFaqEntriesQuery)
export class ListFaqEntriesHandler implements IQueryHandler<ListFaqEntriesQuery> {
  constructor(private readonly faq: FaqCommandRunner) {}

  async execute({ domain }: ListFaqEntriesQuery): Promise<FaqEntryView[]> {
    const state = await this.faq.load(domain);
    return [...state.entries.keys()].map((entryId) => entryIn(state, entryId));
  }
}

@QueryHandler(GetFaqEntryQuery)
export class GetFaqEntryHandler implements IQueryHandler<GetFaqEntryQuery> {
  constructor(private readonly faq: FaqCommandRunner) {}

  async execute({ domain, entryId }: GetFaqEntryQuery): Promise<FaqEntryView> {
    return entryIn(await this.faq.load(domain), entryId);
  }
}

@QueryHandler(ListCannedRepliesQuery)
export class ListCannedRepliesHandler implements IQueryHandler<ListCannedRepliesQuery> {
  constructor(private readonly faq: FaqCommandRunner) {}

  async execute({ domain }: ListCannedRepliesQuery): Promise<CannedReplyView[]> {
    const state = await this.faq.load(domain);
    return [...state.replies.keys()].map((replyId) => replyIn(state, replyId));
  }
}

@QueryHandler(GetCannedReplyQuery)
export class GetCannedReplyHandler implements IQueryHandler<GetCannedReplyQuery> {
  constructor(private readonly faq: FaqCommandRunner) {}

  async execute({ domain, replyId }: GetCannedReplyQuery): Promise<CannedReplyView> {
    return replyIn(await this.faq.load(domain), replyId);
  }
}

/** Ranked by the in-memory index (eventually consistent with the `faq-*` streams). */
@QueryHandler(MatchFaqQuery)
export class MatchFaqHandler implements IQueryHandler<MatchFaqQuery> {
  constructor(
    private readonly index: FaqIndex,
    private readonly auto: FaqAutoAnswer,
  ) {}

  execute({ domain, text, limit }: MatchFaqQuery): Promise<FaqMatchResponse> {
    return Promise.resolve({
      matches: this.index.match(domain, text, limit),
      autoAnswer: this.auto.answerFor(domain, text),
      threshold: this.auto.threshold,
    });
  }
}

/** Only the agent the consultation is assigned to (403 for anyone else, 404 if unknown). */
@QueryHandler(ConsultationSuggestionsQuery)
export class ConsultationSuggestionsHandler implements IQueryHandler<ConsultationSuggestionsQuery> {
  constructor(
    private readonly index: FaqIndex,
    private readonly consultations: ConsultationReader,
  ) {}

  async execute(query: ConsultationSuggestionsQuery): Promise<SuggestionsResponse> {
    const { actor, consultationId, text, limit } = query;
    const consultation = await this.consultations.load(consultationId);
    if (
      actor.role !== 'agent' ||
      consultation.status !== 'assigned' ||
      consultation.assignedAgentId !== actor.userId
    ) {
      throw consultationForbidden('Suggestions are for the agent the consultation is assigned to');
    }
    return {
      faq: this.index.match(consultation.domain, text, limit),
      cannedReplies: this.index
        .rankReplies(consultation.domain, text, limit)
        .map((reply) => ({ ...reply, tags: [...reply.tags] })),
    };
  }
}

export const FAQ_QUERY_HANDLERS = [
  ListFaqEntriesHandler,
  GetFaqEntryHandler,
  ListCannedRepliesHandler,
  GetCannedReplyHandler,
  MatchFaqHandler,
  ConsultationSuggestionsHandler,
];
