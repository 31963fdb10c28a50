import { seededRandom as mulberry32 } from '@switchboard/testing';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type AssignmentReason } from '@switchboard/consultation/domain/consultation.events';
import { whyNotEligible } from './eligibility.policy';
import { type QueueEntry, type QueueState } from './queue.events';
import { decideRoute, drainQueue } from './route.decision';
import { type RoutingConfig } from './routing.config';
import { agent, consultation } from './routing.fixtures';
import { type AssignmentRoutingReason } from './routing.types';

const averageEverywhere: RoutingConfig = { default: 'average' };
const queueOf = (...entries: Partial<QueueEntry>[]): QueueState => ({
  entries: entries.map((entry, i) => ({
    consultationId: `c-${i + 1}`,
    domain: 'travel',
    at: '2026-03-01T09:00:00.000Z',
    ...entry,
  })),
});

describe('decideRoute', () => {
  it('assigns by the configured strategy and moves only that key’s state', () => {
    const agents = [agent('a', { groups: ['vip'] }), agent('b', { groups: ['vip'] })];
    const config: RoutingConfig = { default: 'least-load', groups: { vip: 'average' } };
    const first = decideRoute(consultation('c-1', { group: 'vip' }), agents, config, {});
    expect(first).toMatchObject({ kind: 'assign', agentId: 'a' });
    expect(first.reason.strategy).toBe('average');
    expect(first.strategyStates).toEqual({
      'group:vip': { strategy: 'average', lastAgentId: 'a' },
    });
    const second = decideRoute(
      consultation('c-2', { group: 'vip' }),
      agents,
      config,
      first.strategyStates,
    );
    expect(second).toMatchObject({ kind: 'assign', agentId: 'b' });
  });

  it('queues with the full explanation when nobody is eligible', () => {
    const decision = decideRoute(
      consultation(),
      [agent('a', { status: 'offline' })],
      averageEverywhere,
      {},
    );
    expect(decision.kind).toBe('queue');
    expect(decision.reason).toEqual({
      strategy: 'average',
      winner: null,
      candidates: [expect.objectContaining({ agentId: 'a', eligible: false, whyNot: 'offline' })],
    });
    expect(decision.strategyStates).toEqual({});
  });

  it('an assignment reason is what the consultation aggregate’s assign takes', () => {
    expectTypeOf<AssignmentRoutingReason>().toMatchTypeOf<AssignmentReason>();
  });
});

describe('drainQueue', () => {
  it('assigns head first, raising loads within the plan', () => {
    const agents = [agent('a', { capacity: 1 }), agent('b', { capacity: 2, load: 1 })];
    const plan = drainQueue(queueOf({}, {}, {}), agents, { default: 'least-load' }, {});
    expect(plan.assignments.map((a) => [a.consultationId, a.agentId])).toEqual([
      ['c-1', 'a'],
      ['c-2', 'b'],
    ]);
    // The second decision saw a's load raised to 1 by the first.
    expect(plan.assignments[1].reason.candidates[0]).toMatchObject({
      agentId: 'a',
      load: 1,
      whyNot: 'at_capacity',
    });
  });

  it('an entry nobody can take does not block the ones behind it', () => {
    const agents = [agent('a', { skills: ['en'] })];
    const plan = drainQueue(queueOf({ requiredSkills: ['de'] }, {}), agents, averageEverywhere, {});
    expect(plan.assignments.map((a) => a.consultationId)).toEqual(['c-2']);
  });

  it('threads strategy state through the plan', () => {
    const agents = [agent('a'), agent('b')];
    const plan = drainQueue(queueOf({}, {}, {}), agents, averageEverywhere, {});
    expect(plan.assignments.map((a) => a.agentId)).toEqual(['a', 'b', 'a']);
    expect(plan.strategyStates).toEqual({
      'domain:travel': { strategy: 'average', lastAgentId: 'a' },
    });
  });

  it('never exceeds capacity, assigns only eligible agents, and leaves nothing it could have assigned (seeded random)', () => {
    const random = mulberry32(20260301);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const strategies = ['average', 'weighted', 'least-load'] as const;
    let totalAssigned = 0;
    let totalLeft = 0;
    for (let run = 0; run < 500; run++) {
      const agents = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => {
        const capacity = Math.floor(random() * 4);
        return agent(`a-${i}`, {
          status: pick(['online', 'online', 'online', 'away', 'offline'] as const),
          capacity,
          load: Math.floor(random() * (capacity + 2)), // sometimes already over capacity
          weight: 1 + Math.floor(random() * 5),
          groups: ['g1', 'g2'].filter(() => random() < 0.6),
          skills: ['de', 'en', 'fr'].filter(() => random() < 0.6),
        });
      });
      const queue = queueOf(
        ...Array.from({ length: Math.floor(random() * 25) }, () => ({
          group: pick([undefined, 'g1', 'g2']),
          requiredSkills: ['de', 'en', 'fr'].filter(() => random() < 0.2),
        })),
      );
      const config: RoutingConfig = { default: pick(strategies), groups: { g1: pick(strategies) } };
      const plan = drainQueue(queue, agents, config, {});
      totalAssigned += plan.assignments.length;
      totalLeft += queue.entries.length - plan.assignments.length;

      const planned = new Map<string, number>();
      for (const { agentId } of plan.assignments)
        planned.set(agentId, (planned.get(agentId) ?? 0) + 1);
      for (const a of agents) {
        const added = planned.get(a.agentId) ?? 0;
        expect(
          added === 0 || a.load + added <= a.capacity,
          `run ${run}: ${a.agentId} over capacity`,
        ).toBe(true);
      }
      const ids = plan.assignments.map((a) => a.consultationId);
      expect(new Set(ids).size).toBe(ids.length);
      // Queue order is kept among the assigned.
      const positions = ids.map((id) =>
        queue.entries.findIndex((entry) => entry.consultationId === id),
      );
      expect(positions).toEqual([...positions].sort((x, y) => x - y));

      const after = agents.map((a) => ({ ...a, load: a.load + (planned.get(a.agentId) ?? 0) }));
      for (const entry of queue.entries) {
        const assigned = plan.assignments.find((a) => a.consultationId === entry.consultationId);
        if (assigned === undefined) {
          // Maximal: nobody could still take a left-over entry.
          expect(
            after.every((a) => whyNotEligible(a, entry) !== undefined),
            `run ${run}`,
          ).toBe(true);
        } else {
          const chosen = agents.find((a) => a.agentId === assigned.agentId)!;
          expect(chosen.status).toBe('online');
          expect(entry.group == null || chosen.groups.includes(entry.group)).toBe(true);
          expect((entry.requiredSkills ?? []).every((skill) => chosen.skills.includes(skill))).toBe(
            true,
          );
        }
      }
    }
    // The inputs exercise both sides: plenty assigned, plenty left waiting.
    expect(totalAssigned).toBeGreaterThan(500);
    expect(totalLeft).toBeGreaterThan(1000);
  });
});
