import { describe, expect, it } from 'vitest';
import { FactsBuilder } from '../../test/customer-facts.builder';
import { customerStory } from '../../test/customer-story.fixture';
import { customerTimeline, type TimelineEntry, type TimelinePage } from './customer-timeline.view';
import { decodeCursor, encodeCursor } from './timeline-cursor';

/** `K1 message 3 internal` style labels keep the expected lists readable. */
const label = (entry: TimelineEntry): string => {
  const where = entry.consultationId ?? '-';
  switch (entry.type) {
    case 'message':
      return `${where} message ${String(entry.data.seq)}${entry.data.internal ? ' internal' : ''}`;
    case 'consultation.assigned':
      return `${where} assigned ${String(entry.data.agentId)}`;
    case 'order':
      return `order ${String(entry.data.orderId)}`;
    default:
      return `${where} ${entry.type}`;
  }
};

/** Every entry of the story, oldest first, as a staff member sees it. */
const STAFF_VIEW = [
  'K1 consultation.opened',
  'K1 assigned a-1',
  'K1 message 1',
  'K1 message 2',
  'K1 message 3 internal',
  'K1 consultation.transferred',
  'K1 assigned a-2',
  'K1 message 4',
  'K1 consultation.resolved',
  'K1 consultation.closed',
  'K1 rating',
  'order o-1',
  'K2 consultation.opened',
  'K2 assigned a-3',
  'K2 message 1',
  'K2 assigned a-1',
  'K2 consultation.resolved',
  'K2 rating',
  'order o-2',
  'K3 consultation.opened',
  'K3 message 1',
  'K4 consultation.opened',
  'K4 assigned a-3',
  'K4 consultation.closed',
  'K4 rating',
  'order o-3',
];

function allPages(includeInternal: boolean, limit: number): TimelinePage[] {
  const facts = customerStory().of('c-1');
  const pages = [customerTimeline(facts, { includeInternal, limit })];
  for (let before = pages[0]!.nextBefore; before !== null;) {
    const position = decodeCursor(before);
    expect(position).toBeDefined();
    const page = customerTimeline(facts, { includeInternal, limit, before: position });
    pages.push(page);
    before = page.nextBefore;
  }
  return pages;
}

describe('customerTimeline', () => {
  it('given the story, when staff read it whole, then every entry in time order', () => {
    const page = customerTimeline(customerStory().of('c-1'), { includeInternal: true, limit: 50 });
    expect(page.items.map(label)).toEqual(STAFF_VIEW);
    expect(page.nextBefore).toBeNull();
  });

  it('given an internal note, when the customer reads it, then the note is not there', () => {
    const page = customerTimeline(customerStory().of('c-1'), { includeInternal: false, limit: 50 });
    expect(page.items.map(label)).toEqual(STAFF_VIEW.filter((l) => !l.endsWith('internal')));
    expect(page.items.some((entry) => entry.data.internal === true)).toBe(false);
  });

  it('pages backwards from the newest entry, limit at a time, until the oldest', () => {
    const pages = allPages(true, 10);
    expect(pages.map((page) => page.items.map(label))).toEqual([
      STAFF_VIEW.slice(16),
      STAFF_VIEW.slice(6, 16),
      STAFF_VIEW.slice(0, 6),
    ]);
  });

  it('pages the customer view without gaps or repeats around the hidden note', () => {
    const pages = allPages(false, 10);
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 5]);
    expect(pages.reverse().flatMap((page) => page.items.map(label))).toEqual(
      STAFF_VIEW.filter((l) => !l.endsWith('internal')),
    );
  });

  it('keeps entries that share a time apart by revision (transfer, then its assignment)', () => {
    const page = customerTimeline(customerStory().of('c-1'), { includeInternal: true, limit: 21 });
    const transfer = page.items.find((entry) => entry.type === 'consultation.transferred')!;
    expect(transfer).toMatchObject({
      consultationId: 'K1',
      at: '2026-03-01T09:05:00.000Z',
      data: { fromAgentId: 'a-1', toAgentId: 'a-2', toGroup: null },
    });
    const after = customerTimeline(customerStory().of('c-1'), {
      includeInternal: true,
      limit: 1,
      before: { at: transfer.at, revision: 6, id: 'consultation:K1#6' },
    });
    expect(after.items.map(label)).toEqual(['K1 consultation.transferred']);
  });

  it('shows the data each entry type carries', () => {
    const items = customerTimeline(customerStory().of('c-1'), {
      includeInternal: true,
      limit: 50,
    }).items;
    expect(items.find((e) => e.type === 'order')).toEqual({
      id: 'customer:c-1#2',
      type: 'order',
      at: '2026-03-01T15:00:00.000Z',
      consultationId: null,
      data: { orderId: 'o-1', domain: 'travel', amountMinor: 12_000, currency: 'EUR' },
    });
    expect(items.find((e) => e.type === 'rating')?.data).toEqual({ score: 5, comment: 'great' });
    expect(items.find((e) => e.type === 'consultation.closed')?.data).toEqual({
      by: 'customer',
      reason: 'done',
    });
    expect(items.find((e) => e.type === 'message')?.data).toEqual({
      messageId: 'm-K1-1',
      seq: 1,
      senderId: 'c-1',
      senderRole: 'customer',
      internal: false,
    });
  });

  it('given no facts, then an empty last page', () => {
    expect(
      customerTimeline(new FactsBuilder().of('c-0'), { includeInternal: true, limit: 5 }),
    ).toEqual({ customerId: 'c-0', items: [], nextBefore: null });
  });
});

describe('timeline cursor', () => {
  it('round-trips a position', () => {
    const position = { at: '2026-03-01T09:05:00.000Z', revision: 6, id: 'consultation:K1#6' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'abc'],
    ['a JSON object', Buffer.from('{"at":"x"}').toString('base64url')],
    ['a wrong tuple', Buffer.from('["x","1","y"]').toString('base64url')],
    ['a fractional revision', Buffer.from('["x",1.5,"y"]').toString('base64url')],
    ['padded base64', `${Buffer.from('["x",1,"y"]').toString('base64url')}=`],
  ])('refuses %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
