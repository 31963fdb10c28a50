import { describe, expect, it } from 'vitest';
import { whyNotEligible } from './eligibility.policy';
import { agent, consultation } from './routing.fixtures';

describe('whyNotEligible', () => {
  it.each([
    ['eligible', agent('a', { groups: ['vip'], skills: ['de', 'en'] }), undefined],
    [
      'lasting mismatch first: group before status',
      agent('a', { status: 'offline' }),
      'not_in_group',
    ],
    ['skills before capacity', agent('a', { groups: ['vip'], load: 9 }), 'missing_skills'],
    [
      'status before capacity',
      agent('a', { groups: ['vip'], skills: ['de'], status: 'away', load: 9 }),
      'away',
    ],
    [
      'at capacity: would be picked if it had room',
      agent('a', { groups: ['vip'], skills: ['de'], load: 3 }),
      'at_capacity',
    ],
    [
      'over capacity (capacity lowered)',
      agent('a', { groups: ['vip'], skills: ['de'], load: 5 }),
      'at_capacity',
    ],
  ])('%s', (_, candidate, expected) => {
    expect(
      whyNotEligible(candidate, consultation('c-1', { group: 'vip', requiredSkills: ['de'] })),
    ).toBe(expected);
  });

  it('no group (absent or null) and no skills: any online agent with room', () => {
    expect(whyNotEligible(agent('a'), consultation('c-1', { group: null }))).toBeUndefined();
  });

  it('weight matters only when asked (the weighted strategy)', () => {
    expect(whyNotEligible(agent('a', { weight: 0 }), consultation())).toBeUndefined();
    expect(
      whyNotEligible(agent('a', { weight: 0 }), consultation(), { requirePositiveWeight: true }),
    ).toBe('zero_weight');
  });
});
