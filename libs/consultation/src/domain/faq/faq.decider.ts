import { assertNever, type Decider } from '@switchboard/es-core';
import { type CannedReplyInput, type FaqCommand, type FaqEntryInput } from './faq.commands';
import {
  entryExists,
  entryNotFound,
  invalidFaqCommand,
  replyExists,
  replyNotFound,
} from './faq.errors';
import { type CannedReply, type FaqEntry, type FaqEvent } from './faq.events';

/** One domain's FAQ entries and canned replies, by id. */
export interface FaqState {
  readonly entries: ReadonlyMap<string, FaqEntry>;
  readonly replies: ReadonlyMap<string, CannedReply>;
}

export const initialFaqState: FaqState = { entries: new Map(), replies: new Map() };

function text(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw invalidFaqCommand(field, `${field} must not be empty`);
  return trimmed;
}

/** Trimmed, without empty or repeated items, in the order given. */
function list(values: readonly string[] | undefined): readonly string[] {
  const items = (values ?? []).map((value) => value.trim()).filter((value) => value !== '');
  return [...new Set(items)];
}

function entryOf(input: FaqEntryInput): FaqEntry {
  return {
    entryId: text('entryId', input.entryId),
    question: text('question', input.question),
    answer: text('answer', input.answer),
    keywords: list(input.keywords),
    alternativeQuestions: list(input.alternativeQuestions),
  };
}

function replyOf(input: CannedReplyInput): CannedReply {
  return {
    replyId: text('replyId', input.replyId),
    title: text('title', input.title),
    text: text('text', input.text),
    tags: list(input.tags),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function decide(command: FaqCommand, state: FaqState): readonly FaqEvent[] {
  const { domain } = command.data;
  switch (command.type) {
    case 'addFaqEntry': {
      const entry = entryOf(command.data);
      if (state.entries.has(entry.entryId)) throw entryExists(entry.entryId);
      return [{ type: 'FaqEntryAdded', version: 1, data: { domain, ...entry } }];
    }
    case 'updateFaqEntry': {
      const entry = entryOf(command.data);
      const current = state.entries.get(entry.entryId);
      if (current === undefined) throw entryNotFound(entry.entryId);
      if (same(current, entry)) return [];
      return [{ type: 'FaqEntryUpdated', version: 1, data: { domain, ...entry } }];
    }
    case 'removeFaqEntry': {
      const { entryId } = command.data;
      if (!state.entries.has(entryId)) throw entryNotFound(entryId);
      return [{ type: 'FaqEntryRemoved', version: 1, data: { domain, entryId } }];
    }
    case 'addCannedReply': {
      const reply = replyOf(command.data);
      if (state.replies.has(reply.replyId)) throw replyExists(reply.replyId);
      return [{ type: 'CannedReplyAdded', version: 1, data: { domain, ...reply } }];
    }
    case 'updateCannedReply': {
      const reply = replyOf(command.data);
      const current = state.replies.get(reply.replyId);
      if (current === undefined) throw replyNotFound(reply.replyId);
      if (same(current, reply)) return [];
      return [{ type: 'CannedReplyUpdated', version: 1, data: { domain, ...reply } }];
    }
    case 'removeCannedReply': {
      const { replyId } = command.data;
      if (!state.replies.has(replyId)) throw replyNotFound(replyId);
      return [{ type: 'CannedReplyRemoved', version: 1, data: { domain, replyId } }];
    }
    default:
      return assertNever(command);
  }
}

function withEntry(state: FaqState, id: string, entry?: FaqEntry): FaqState {
  const entries = new Map(state.entries);
  if (entry === undefined) entries.delete(id);
  else entries.set(id, entry);
  return { ...state, entries };
}

function withReply(state: FaqState, id: string, reply?: CannedReply): FaqState {
  const replies = new Map(state.replies);
  if (reply === undefined) replies.delete(id);
  else replies.set(id, reply);
  return { ...state, replies };
}

export function evolveFaq(state: FaqState, event: FaqEvent): FaqState {
  switch (event.type) {
    case 'FaqEntryAdded':
    case 'FaqEntryUpdated': {
      const { domain: _domain, ...entry } = event.data;
      return withEntry(state, entry.entryId, entry);
    }
    case 'FaqEntryRemoved':
      return withEntry(state, event.data.entryId);
    case 'CannedReplyAdded':
    case 'CannedReplyUpdated': {
      const { domain: _domain, ...reply } = event.data;
      return withReply(state, reply.replyId, reply);
    }
    case 'CannedReplyRemoved':
      return withReply(state, event.data.replyId);
    default:
      return assertNever(event);
  }
}

/** The `faq-<domain>` aggregate: ids are unique per domain, texts never empty. */
export const faqDecider: Decider<FaqCommand, FaqEvent, FaqState> = {
  initialState: initialFaqState,
  decide,
  evolve: evolveFaq,
};
