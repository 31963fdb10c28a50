import MiniSearch, { type SearchResult } from 'minisearch';
import { type CannedReply, type FaqEntry } from '../../domain/faq';
import { indexOptions, queryTerms } from './faq-text';

/** One ranked FAQ entry; `confidence` is in [0, 1] and comparable across domains. */
export interface FaqMatch {
  readonly entryId: string;
  readonly question: string;
  readonly answer: string;
  /** MiniSearch's BM25 score: orders the results of one query, means nothing across queries. */
  readonly score: number;
  readonly confidence: number;
}

export interface RankedCannedReply extends CannedReply {
  readonly score: number;
}

/**
 * Normalises MiniSearch scores to a confidence: the share of the query's meaningful terms the
 * result matched (so a long message that mentions the topic once stays unsure), scaled by its
 * score relative to the best result (so a runner-up is never as sure as the winner).
 */
function confidences(text: string, results: readonly SearchResult[]): number[] {
  const terms = queryTerms(text).length;
  const best = results[0]?.score ?? 0;
  return results.map((result) => {
    if (terms === 0 || best === 0) return 0;
    const coverage = Math.min(1, new Set(result.queryTerms).size / terms);
    return Math.round(coverage * (result.score / best) * 1000) / 1000;
  });
}

/** The searchable FAQ entries and canned replies of one domain. */
export class FaqDomainIndex {
  private readonly entries = new Map<string, FaqEntry>();
  private readonly replies = new Map<string, CannedReply>();
  private readonly entrySearch = new MiniSearch<FaqEntry>(
    indexOptions(
      ['question', 'alternativeQuestions', 'keywords', 'answer'],
      ['entryId'],
      'entryId',
      { question: 3, alternativeQuestions: 3, keywords: 2, answer: 1 },
    ),
  );
  private readonly replySearch = new MiniSearch<CannedReply>(
    indexOptions(['title', 'tags', 'text'], ['replyId'], 'replyId', {
      title: 2,
      tags: 2,
      text: 1,
    }),
  );

  putEntry(entry: FaqEntry): void {
    if (this.entrySearch.has(entry.entryId)) this.entrySearch.replace(entry);
    else this.entrySearch.add(entry);
    this.entries.set(entry.entryId, entry);
  }

  removeEntry(entryId: string): void {
    if (this.entrySearch.has(entryId)) this.entrySearch.discard(entryId);
    this.entries.delete(entryId);
  }

  putReply(reply: CannedReply): void {
    if (this.replySearch.has(reply.replyId)) this.replySearch.replace(reply);
    else this.replySearch.add(reply);
    this.replies.set(reply.replyId, reply);
  }

  removeReply(replyId: string): void {
    if (this.replySearch.has(replyId)) this.replySearch.discard(replyId);
    this.replies.delete(replyId);
  }

  match(text: string, limit: number): FaqMatch[] {
    const results = this.entrySearch.search(text);
    const sure = confidences(text, results);
    return results.slice(0, limit).flatMap((result, i) => {
      const entry = this.entries.get(String(result.id));
      if (entry === undefined) return [];
      const { entryId, question, answer } = entry;
      return [{ entryId, question, answer, score: result.score, confidence: sure[i] ?? 0 }];
    });
  }

  /** Replies ranked for the text; those that do not match at all follow in title order. */
  rankReplies(text: string, limit: number): RankedCannedReply[] {
    const ranked = this.replySearch.search(text).flatMap((result) => {
      const reply = this.replies.get(String(result.id));
      return reply === undefined ? [] : [{ ...reply, score: result.score }];
    });
    const seen = new Set(ranked.map((reply) => reply.replyId));
    const rest = [...this.replies.values()]
      .filter((reply) => !seen.has(reply.replyId))
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((reply) => ({ ...reply, score: 0 }));
    return [...ranked, ...rest].slice(0, limit);
  }
}
