import { InMemoryMembership } from '@switchboard/delivery/membership/in-memory.membership';
import { describeMembershipContract } from './membership.contract';

let nowMs = 1_700_000_000_000;

describeMembershipContract(
  'in-memory',
  () => Promise.resolve(new InMemoryMembership({ now: () => nowMs })),
  {
    ttlMs: 15_000,
    advance: (ms) => {
      nowMs += ms;
    },
  },
);
