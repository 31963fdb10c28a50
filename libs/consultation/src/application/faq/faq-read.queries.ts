import { Query } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { type CannedReplyView } from './canned-reply.dto';
import { type FaqEntryView } from './faq-entry.dto';
import { type FaqMatchResponse, type SuggestionsResponse } from './faq-match.dto';

/** A domain's FAQ entries, in the order they were added. */
export class ListFaqEntriesQuery extends Query<FaqEntryView[]> {
  constructor(readonly domain: string) {
    super();
  }
}

/** One FAQ entry; 404 FAQ_ENTRY_NOT_FOUND. */
export class GetFaqEntryQuery extends Query<FaqEntryView> {
  constructor(
    readonly domain: string,
    readonly entryId: string,
  ) {
    super();
  }
}

export class ListCannedRepliesQuery extends Query<CannedReplyView[]> {
  constructor(readonly domain: string) {
    super();
  }
}

/** One canned reply; 404 when it does not exist. */
export class GetCannedReplyQuery extends Query<CannedReplyView> {
  constructor(
    readonly domain: string,
    readonly replyId: string,
  ) {
    super();
  }
}

/** A domain's FAQ ranked for a text, with the automatic answer when one is sure enough. */
export class MatchFaqQuery extends Query<FaqMatchResponse> {
  constructor(
    readonly domain: string,
    readonly text: string,
    readonly limit: number,
  ) {
    super();
  }
}

/** FAQ entries and canned replies ranked for a consultation's current message. */
export class ConsultationSuggestionsQuery extends Query<SuggestionsResponse> {
  constructor(
    readonly actor: AuthUser,
    readonly consultationId: string,
    readonly text: string,
    readonly limit: number,
  ) {
    super();
  }
}
