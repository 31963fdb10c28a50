import { type Command } from '@switchboard/es-core';
import { type CannedReply, type FaqEntry } from './faq.events';

/** What a caller may send: keywords and alternative questions are optional. */
export type FaqEntryInput = Omit<FaqEntry, 'keywords' | 'alternativeQuestions'> & {
  readonly keywords?: readonly string[];
  readonly alternativeQuestions?: readonly string[];
};
export type CannedReplyInput = Omit<CannedReply, 'tags'> & { readonly tags?: readonly string[] };

type InDomain<T> = T & { readonly domain: string };

export type FaqCommand =
  | Command<'addFaqEntry', InDomain<FaqEntryInput>>
  | Command<'updateFaqEntry', InDomain<FaqEntryInput>>
  | Command<'removeFaqEntry', InDomain<{ entryId: string }>>
  | Command<'addCannedReply', InDomain<CannedReplyInput>>
  | Command<'updateCannedReply', InDomain<CannedReplyInput>>
  | Command<'removeCannedReply', InDomain<{ replyId: string }>>;

/** A command without its metadata: what the application layer builds from a request. */
export type FaqChange = {
  [K in FaqCommand['type']]: Pick<Extract<FaqCommand, { type: K }>, 'type' | 'data'>;
}[FaqCommand['type']];
