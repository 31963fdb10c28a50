import { type DomainEvent } from '@switchboard/es-core';

/** A FAQ entry as stored: the question, its answer and what else a customer may type for it. */
export interface FaqEntry {
  readonly entryId: string;
  readonly question: string;
  readonly answer: string;
  readonly keywords: readonly string[];
  readonly alternativeQuestions: readonly string[];
}

/** A canned reply an agent can send with one click. */
export interface CannedReply {
  readonly replyId: string;
  readonly title: string;
  readonly text: string;
  readonly tags: readonly string[];
}

type InDomain<T> = T & { readonly domain: string };

export type FaqEntryAdded = DomainEvent<'FaqEntryAdded', InDomain<FaqEntry>>;
/** Carries the whole entry after the change, so a projection replaces rather than patches. */
export type FaqEntryUpdated = DomainEvent<'FaqEntryUpdated', InDomain<FaqEntry>>;
export type FaqEntryRemoved = DomainEvent<'FaqEntryRemoved', InDomain<{ entryId: string }>>;
export type CannedReplyAdded = DomainEvent<'CannedReplyAdded', InDomain<CannedReply>>;
export type CannedReplyUpdated = DomainEvent<'CannedReplyUpdated', InDomain<CannedReply>>;
export type CannedReplyRemoved = DomainEvent<'CannedReplyRemoved', InDomain<{ replyId: string }>>;

/** Events of the `faq-<domain>` stream: the domain's FAQ and its canned replies. */
export type FaqEvent =
  | FaqEntryAdded
  | FaqEntryUpdated
  | FaqEntryRemoved
  | CannedReplyAdded
  | CannedReplyUpdated
  | CannedReplyRemoved;

export const FAQ_EVENT_TYPES: readonly FaqEvent['type'][] = [
  'FaqEntryAdded',
  'FaqEntryUpdated',
  'FaqEntryRemoved',
  'CannedReplyAdded',
  'CannedReplyUpdated',
  'CannedReplyRemoved',
];

export const FAQ_STREAM_PREFIX = 'faq-';

export function faqStream(domain: string): string {
  return `${FAQ_STREAM_PREFIX}${domain}`;
}

/** The domain of a `faq-<domain>` stream, or null for any other stream. */
export function faqDomainOf(streamId: string): string | null {
  return streamId.startsWith(FAQ_STREAM_PREFIX)
    ? streamId.slice(FAQ_STREAM_PREFIX.length) || null
    : null;
}
