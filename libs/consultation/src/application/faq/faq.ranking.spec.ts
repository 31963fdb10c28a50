import { describe, expect, it } from 'vitest';
import { type FaqEvent } from '../../domain/faq';
import { FaqAutoAnswer } from './faq-auto-answer.service';
import { FaqIndex } from './faq.index';
import { DEFAULT_FAQ_SETTINGS } from './faq.settings';
import { type EventStore } from '@switchboard/event-store';

const domain = 'travel';
const entry = (
  entryId: string,
  question: string,
  answer: string,
  keywords: string[],
  alternativeQuestions: string[] = [],
): FaqEvent => ({
  type: 'FaqEntryAdded',
  version: 1,
  data: { domain, entryId, question, answer, keywords, alternativeQuestions },
});

const FAQ: FaqEvent[] = [
  entry(
    'refund',
    'How do I get a refund for a cancelled flight?',
    'Refunds go back to the original payment method within 7 days.',
    ['refund', 'money back', 'reimbursement'],
    ['When will I get my money back?'],
  ),
  entry(
    'baggage',
    'How much baggage can I bring?',
    'Economy includes one 23 kg checked bag and one cabin bag.',
    ['baggage', 'luggage', 'suitcase', 'allowance', 'kg'],
    ['What is the luggage allowance?'],
  ),
  entry(
    'change-booking',
    'How can I change my booking?',
    'Open My trips, pick the booking and choose Change dates.',
    ['change', 'reschedule', 'modify', 'date'],
    ['Can I move my flight to another day?'],
  ),
  entry('seat', 'Can I choose my seat?', 'Seats can be chosen at check-in or bought in advance.', [
    'seat',
    'window',
    'aisle',
  ]),
  entry(
    'invoice',
    'Where can I get an invoice for my order?',
    'Invoices are in My trips under Documents.',
    ['invoice', 'receipt', 'vat'],
  ),
];

function indexWith(events: FaqEvent[]): { index: FaqIndex; auto: FaqAutoAnswer } {
  const index = new FaqIndex({} as EventStore);
  events.forEach((event) => index.apply(event));
  return { index, auto: new FaqAutoAnswer(index, DEFAULT_FAQ_SETTINGS) };
}

describe('FAQ ranking (MiniSearch)', () => {
  it.each([
    ['I want my money back', 'refund'],
    ['my flight got cancelled, refunds?', 'refund'],
    ["what's the luggage allowance for my suitcase", 'baggage'],
    ['how many kg of bags can I take', 'baggage'],
    ['I need to reschedule my trip to a different date', 'change-booking'],
    ['changing the booking', 'change-booking'],
    ['I would like a window seat', 'seat'],
    ['need a receipt with VAT', 'invoice'],
  ])('"%s" ranks %s first', (text, expected) => {
    const { index } = indexWith(FAQ);
    const [best, second] = index.match(domain, text);
    expect(best?.entryId).toBe(expected);
    expect(best?.confidence).toBeGreaterThan(second?.confidence ?? 0);
  });

  it('answers automatically above the threshold, with the stored answer', () => {
    const { auto } = indexWith(FAQ);
    expect(auto.answerFor(domain, 'When do I get my money back?')).toMatchObject({
      entryId: 'refund',
      answer: 'Refunds go back to the original payment method within 7 days.',
    });
  });

  it('gives no automatic answer to unrelated or vague text, or an unknown domain', () => {
    const { auto, index } = indexWith(FAQ);
    expect(auto.answerFor(domain, 'Do you sell gift cards for pets?')).toBeNull();
    expect(auto.answerFor(domain, 'hello, how are you?')).toBeNull();
    expect(
      auto.answerFor(domain, 'my grandmother loves parrots and jazz music, any flight tips'),
    ).toBeNull();
    expect(auto.answerFor('shop', 'I want my money back')).toBeNull();
    expect(index.match(domain, '   ')).toEqual([]);
  });

  it('re-indexes an updated entry: old words stop matching, new ones match', () => {
    const { index } = indexWith([
      ...FAQ,
      {
        type: 'FaqEntryUpdated',
        version: 1,
        data: {
          domain,
          entryId: 'seat',
          question: 'Can I bring my pet on board?',
          answer: 'Small pets travel in the cabin in a carrier.',
          keywords: ['pet', 'dog', 'cat'],
          alternativeQuestions: [],
        },
      },
    ]);
    expect(index.match(domain, 'can my dog fly with me')[0]).toMatchObject({
      entryId: 'seat',
      answer: 'Small pets travel in the cabin in a carrier.',
    });
    expect(index.match(domain, 'window or aisle seat').map((m) => m.entryId)).not.toContain('seat');
  });

  it('forgets a removed entry', () => {
    const { index, auto } = indexWith([
      ...FAQ,
      { type: 'FaqEntryRemoved', version: 1, data: { domain, entryId: 'refund' } },
    ]);
    expect(index.match(domain, 'I want my money back refund').map((m) => m.entryId)).not.toContain(
      'refund',
    );
    expect(auto.answerFor(domain, 'I want my money back')).toBeNull();
  });

  it('ranks canned replies for the text, then the others by title', () => {
    const reply = (replyId: string, title: string, text: string, tags: string[]): FaqEvent => ({
      type: 'CannedReplyAdded',
      version: 1,
      data: { domain, replyId, title, text, tags },
    });
    const { index } = indexWith([
      reply('greet', 'Greeting', 'Hello! How can I help you today?', ['hello']),
      reply('refund-status', 'Refund status', 'I have checked your refund: it is on its way.', [
        'refund',
        'money',
      ]),
      reply('bye', 'Closing', 'Thanks for contacting us, have a nice trip!', ['bye']),
      { type: 'CannedReplyRemoved', version: 1, data: { domain, replyId: 'bye' } },
    ]);
    expect(index.rankReplies(domain, 'where is my money').map((r) => r.replyId)).toEqual([
      'refund-status',
      'greet',
    ]);
  });
});
