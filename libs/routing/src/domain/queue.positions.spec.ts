import { describe, expect, it } from 'vitest';
import { type QueueEntry, type QueueState } from './queue.events';
import { positionChanges, positionsOf } from './queue.positions';

const state = (...ids: string[]): QueueState => ({
  entries: ids.map((consultationId): QueueEntry => ({ consultationId, domain: 'd', at: 't' })),
});

describe('queue positions', () => {
  it('positionsOf: 1-based, head first', () => {
    expect([...positionsOf(state('c-1', 'c-2', 'c-3'))]).toEqual([
      ['c-1', 1],
      ['c-2', 2],
      ['c-3', 3],
    ]);
    expect(positionsOf(state()).size).toBe(0);
  });

  it.each([
    [
      'the head leaves → everyone behind moves up',
      state('a', 'b', 'c'),
      state('b', 'c'),
      [
        ['b', 1],
        ['c', 2],
      ],
    ],
    [
      'one in the middle leaves → only those behind it',
      state('a', 'b', 'c'),
      state('a', 'c'),
      [['c', 2]],
    ],
    ['the tail leaves → nobody', state('a', 'b', 'c'), state('a', 'b'), []],
    [
      'a newcomer at the tail → only the newcomer',
      state('a', 'b'),
      state('a', 'b', 'c'),
      [['c', 3]],
    ],
    [
      'a put-back ahead → it and those behind it',
      state('a', 'b', 'c'),
      state('a', 'x', 'b', 'c'),
      [
        ['x', 2],
        ['b', 3],
        ['c', 4],
      ],
    ],
    ['no change → nobody', state('a', 'b'), state('a', 'b'), []],
  ])('positionChanges: %s', (_, before, after, expected) => {
    expect(
      positionChanges(before, after).map((change) => [change.consultationId, change.position]),
    ).toEqual(expected);
  });
});
