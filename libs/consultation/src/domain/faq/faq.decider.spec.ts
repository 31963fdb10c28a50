import { describe, it } from 'vitest';
import { deciderSpec } from '@switchboard/testing';
import { type FaqCommand, type FaqEvent, FaqErrorCode as Code, faqDecider } from './index';

let counter = 0;
function command<K extends FaqCommand['type']>(
  type: K,
  data: Omit<Extract<FaqCommand, { type: K }>['data'], 'domain'>,
): FaqCommand {
  const metadata = { commandId: `faq-cmd-${++counter}`, now: new Date('2026-12-04T10:00:00Z') };
  return { type, data: { domain: 'travel', ...data }, metadata } as unknown as FaqCommand;
}
const entry = {
  entryId: 'refund',
  question: 'How do I get a refund?',
  answer: 'Open My trips and choose Refund.',
  keywords: ['refund', 'money back'],
  alternativeQuestions: ['Can I get my money back?'],
};
const added: FaqEvent = { type: 'FaqEntryAdded', version: 1, data: { domain: 'travel', ...entry } };
const reply = { replyId: 'greet', title: 'Greeting', text: 'Hello, how can I help?', tags: ['hi'] };
const replyAdded: FaqEvent = {
  type: 'CannedReplyAdded',
  version: 1,
  data: { domain: 'travel', ...reply },
};

describe('FAQ decider: entries', () => {
  it('adds an entry, trimming texts and defaulting lists', () => {
    deciderSpec(faqDecider)
      .given([])
      .when(command('addFaqEntry', { entryId: 'bag', question: ' Baggage? ', answer: '23 kg' }))
      .then([
        {
          type: 'FaqEntryAdded',
          version: 1,
          data: {
            domain: 'travel',
            entryId: 'bag',
            question: 'Baggage?',
            answer: '23 kg',
            keywords: [],
            alternativeQuestions: [],
          },
        },
      ]);
  });
  it('refuses a duplicate id', () => {
    deciderSpec(faqDecider)
      .given([added])
      .when(command('addFaqEntry', entry))
      .thenFails(Code.EntryExists);
  });
  it('refuses an empty question or answer', () => {
    deciderSpec(faqDecider)
      .given([])
      .when(command('addFaqEntry', { ...entry, question: '   ' }))
      .thenFails(Code.InvalidCommand);
    deciderSpec(faqDecider)
      .given([])
      .when(command('addFaqEntry', { ...entry, answer: '' }))
      .thenFails(Code.InvalidCommand);
  });
  it('updates with the whole entry after the change', () => {
    deciderSpec(faqDecider)
      .given([added])
      .when(command('updateFaqEntry', { ...entry, answer: 'Use the refund form.' }))
      .then([
        {
          type: 'FaqEntryUpdated',
          version: 1,
          data: { domain: 'travel', ...entry, answer: 'Use the refund form.' },
        },
      ]);
  });
  it('an update that changes nothing appends nothing', () => {
    deciderSpec(faqDecider).given([added]).when(command('updateFaqEntry', entry)).then([]);
  });
  it('update and remove of an unknown entry are not_found', () => {
    deciderSpec(faqDecider)
      .given([])
      .when(command('updateFaqEntry', entry))
      .thenFails(Code.EntryNotFound);
    deciderSpec(faqDecider)
      .given([
        added,
        { type: 'FaqEntryRemoved', version: 1, data: { domain: 'travel', entryId: 'refund' } },
      ])
      .when(command('removeFaqEntry', { entryId: 'refund' }))
      .thenFails(Code.EntryNotFound);
  });
  it('removes an entry, after which the id can be added again', () => {
    const removed: FaqEvent = {
      type: 'FaqEntryRemoved',
      version: 1,
      data: { domain: 'travel', entryId: 'refund' },
    };
    deciderSpec(faqDecider)
      .given([added])
      .when(command('removeFaqEntry', { entryId: 'refund' }))
      .then([removed]);
    deciderSpec(faqDecider)
      .given([added, removed])
      .when(command('addFaqEntry', entry))
      .then([added]);
  });
});

describe('FAQ decider: canned replies', () => {
  it('adds, refuses duplicates and empty text', () => {
    deciderSpec(faqDecider).given([]).when(command('addCannedReply', reply)).then([replyAdded]);
    deciderSpec(faqDecider)
      .given([replyAdded])
      .when(command('addCannedReply', reply))
      .thenFails(Code.ReplyExists);
    deciderSpec(faqDecider)
      .given([])
      .when(command('addCannedReply', { ...reply, text: ' ' }))
      .thenFails(Code.InvalidCommand);
  });
  it('updates and removes known replies; unknown ones are not_found', () => {
    deciderSpec(faqDecider)
      .given([replyAdded])
      .when(command('updateCannedReply', { ...reply, tags: ['hello', 'hello'] }))
      .then([
        {
          type: 'CannedReplyUpdated',
          version: 1,
          data: { domain: 'travel', ...reply, tags: ['hello'] },
        },
      ]);
    deciderSpec(faqDecider)
      .given([replyAdded])
      .when(command('removeCannedReply', { replyId: 'greet' }))
      .then([
        { type: 'CannedReplyRemoved', version: 1, data: { domain: 'travel', replyId: 'greet' } },
      ]);
    deciderSpec(faqDecider)
      .given([])
      .when(command('updateCannedReply', reply))
      .thenFails(Code.ReplyNotFound);
    deciderSpec(faqDecider)
      .given([])
      .when(command('removeCannedReply', { replyId: 'x' }))
      .thenFails(Code.ReplyNotFound);
  });
  it('entries and replies keep separate ids', () => {
    deciderSpec(faqDecider)
      .given([added])
      .when(command('addCannedReply', { ...reply, replyId: 'refund' }))
      .then([{ ...replyAdded, data: { ...replyAdded.data, replyId: 'refund' } }]);
  });
});
