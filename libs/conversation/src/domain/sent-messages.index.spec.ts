import { describe, expect, it } from 'vitest';
import { SentMessagesIndex } from './sent-messages.index';

describe('SentMessagesIndex', () => {
  it('shows each state only the messages up to its own seq', () => {
    const one = SentMessagesIndex.empty().with('a', 'm1', 1);
    const two = one.with('b', 'm2', 2);
    expect(two.find('b', 2)).toEqual({ messageId: 'm2', seq: 2 });
    expect(one.find('b', 1)).toBeUndefined();
  });

  it('forks when a discarded branch is built upon, so branches never see each other', () => {
    const base = SentMessagesIndex.empty().with('a', 'm1', 1);
    const branchA = base.with('x', 'mx', 2);
    const branchB = base.with('y', 'my', 2);
    expect(branchB.find('x', 2)).toBeUndefined();
    expect(branchB.find('y', 2)).toEqual({ messageId: 'my', seq: 2 });
    expect(branchB.find('a', 2)).toEqual({ messageId: 'm1', seq: 1 });
    expect(branchA.find('x', 2)).toEqual({ messageId: 'mx', seq: 2 });
  });
});
