import { seededRandom as mulberry32 } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { packReason } from '@switchboard/consultation/domain/assignment-reason.codec';
import { drainQueueInColumns } from './columnar.drain';
import { type QueueEntry, type QueueState } from './queue.events';
import { drainQueue } from './route.decision';
import { type RoutingConfig } from './routing.config';
import { agent } from './routing.fixtures';
import { type StrategyStates } from './routing.types';

const queueOf = (...entries: Partial<QueueEntry>[]): QueueState => ({
  entries: entries.map((entry, i) => ({
    consultationId: `c-${i + 1}`,
    domain: 'travel',
    at: '2026-03-01T09:00:00.000Z',
    ...entry,
  })),
});

/** What the drain stored before: `drainQueue`'s plan, each reason packed by the consultation. */
function packedPlan(...args: Parameters<typeof drainQueue>) {
  const plan = drainQueue(...args);
  return {
    strategyStates: plan.strategyStates,
    assignments: plan.assignments.map((a) => ({ ...a, reason: packReason(a.reason) })),
  };
}

describe('drainQueueInColumns', () => {
  it('gives a least-load drain of many entries the columns drainQueue’s reasons pack into', () => {
    const agents = Array.from({ length: 5 }, (_, i) => agent(`a-${i}`, { capacity: 2 + i }));
    const queue = queueOf(...Array.from({ length: 25 }, () => ({})));
    const plan = drainQueueInColumns(queue, agents, { default: 'least-load' }, {});
    expect(plan).toEqual(packedPlan(queue, agents, { default: 'least-load' }, {}));
    expect(plan.assignments).toHaveLength(2 + 3 + 4 + 5 + 6);
    const [first, last] = [plan.assignments[0], plan.assignments.at(-1)!];
    // The columns no assignment changes are one array for the whole drain.
    expect(last.reason.candidateColumns.agentId).toBe(first.reason.candidateColumns.agentId);
    expect(last.reason.candidateColumns.capacity).toBe(first.reason.candidateColumns.capacity);
    expect(last.reason.candidateColumns.whyNot).toContain('at_capacity');
    // Least-load scores are left to the loads (D48): no score column is built or stored.
    expect(plan.assignments.every((a) => a.reason.candidateColumns.score === undefined)).toBe(true);
    // What every candidate shares is stored once (D44): here the weight, and eligibility
    // while nobody was full.
    expect(first.reason.candidateConstants).toEqual({ weight: 1, eligible: true });
    expect(last.reason.candidateConstants).toEqual({ weight: 1 });
    expect(last.reason.candidateColumns.weight).toBeUndefined();
  });

  it('matches drainQueue on seeded random agents, queues, strategies and states', () => {
    const random = mulberry32(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const strategies = ['average', 'weighted', 'least-load'] as const;
    let assigned = 0;
    for (let run = 0; run < 500; run++) {
      const agents = Array.from({ length: Math.floor(random() * 9) }, (_, i) => {
        const capacity = Math.floor(random() * 4);
        return agent(`a-${Math.floor(random() * 20)}-${i}`, {
          status: pick(['online', 'online', 'online', 'away', 'offline'] as const),
          capacity,
          load: Math.floor(random() * (capacity + 2)),
          weight: Math.floor(random() * 4) - 1,
          groups: ['g1', 'g2', ''].filter(() => random() < 0.5),
          skills: ['de', 'en', 'fr'].filter(() => random() < 0.6),
        });
      });
      const queue = queueOf(
        ...Array.from({ length: Math.floor(random() * 30) }, () => ({
          group: pick([undefined, null, 'g1', 'g2', '']),
          requiredSkills: ['de', 'en', 'fr'].filter(() => random() < 0.2),
        })),
      );
      const config: RoutingConfig = {
        default: pick(strategies),
        groups: { g1: pick(strategies), '': pick(strategies) },
      };
      const states: StrategyStates = {
        'group:g1': pick([
          { strategy: 'average', lastAgentId: pick([null, 'a-5-0', 'a-19-3']) },
          { strategy: 'weighted', current: { 'a-3-1': 2, 'a-7-2': -1 } },
          { strategy: 'least-load' },
        ] as const),
      };
      const plan = drainQueueInColumns(queue, agents, config, states);
      expect(plan, `run ${run}`).toEqual(packedPlan(queue, agents, config, states));
      assigned += plan.assignments.length;
    }
    expect(assigned).toBeGreaterThan(400); // 555: both sides exercised
  });
});
