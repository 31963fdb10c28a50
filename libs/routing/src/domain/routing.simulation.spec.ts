import { describe, expect, it } from 'vitest';
import { percentile, simulateRouting } from './routing.simulation';
import { type RecordedOpen, type SimulatedAgent } from './simulation.types';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const MIN = 60_000;
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const open = (
  id: string,
  minute: number,
  handleMinutes: number,
  extra: Partial<RecordedOpen> = {},
): RecordedOpen => ({
  consultationId: id,
  at: iso(minute),
  domain: 'travel',
  handleTimeMs: handleMinutes * MIN,
  ...extra,
});
const simAgent = (agentId: string, extra: Partial<SimulatedAgent> = {}): SimulatedAgent => ({
  agentId,
  capacity: 1,
  weight: 1,
  groups: [],
  skills: [],
  ...extra,
});

describe('simulateRouting', () => {
  it('2 agents of capacity 1, 4 opens at once, 10 minutes each: waits 0, 0, 10, 10 minutes', () => {
    const result = simulateRouting({
      strategy: 'average',
      agents: [simAgent('a'), simAgent('b')],
      opens: ['c-1', 'c-2', 'c-3', 'c-4'].map((id) => open(id, 0, 10)),
    });
    // Nearest rank over [0, 0, 10, 10]: p50 = 2nd value, p95 = 4th.
    expect(result.queueWait).toEqual({ p50: 0, p95: 10 * MIN, max: 10 * MIN });
    expect(result.assignments).toEqual([
      { consultationId: 'c-1', agentId: 'a', openedAt: iso(0), assignedAt: iso(0), waitMs: 0 },
      { consultationId: 'c-2', agentId: 'b', openedAt: iso(0), assignedAt: iso(0), waitMs: 0 },
      {
        consultationId: 'c-3',
        agentId: 'a',
        openedAt: iso(0),
        assignedAt: iso(10),
        waitMs: 10 * MIN,
      },
      {
        consultationId: 'c-4',
        agentId: 'b',
        openedAt: iso(0),
        assignedAt: iso(10),
        waitMs: 10 * MIN,
      },
    ]);
    expect(result.perAgent).toEqual([
      { agentId: 'a', assigned: 2, maxConcurrent: 1 },
      { agentId: 'b', assigned: 2, maxConcurrent: 1 },
    ]);
    expect(result.unassigned).toEqual([]);
  });

  it('an agent coming online drains the queue; going offline it finishes what it holds', () => {
    const result = simulateRouting({
      strategy: 'least-load',
      agents: [simAgent('a', { capacity: 2, onlineWindows: [{ from: iso(5), to: iso(6) }] })],
      opens: [open('c-1', 0, 30), open('c-2', 1, 30), open('c-3', 7, 1)],
    });
    expect(result.assignments.map((a) => [a.consultationId, a.waitMs / MIN])).toEqual([
      ['c-1', 5],
      ['c-2', 4],
    ]);
    expect(result.unassigned).toEqual(['c-3']);
    expect(result.perAgent).toEqual([{ agentId: 'a', assigned: 2, maxConcurrent: 2 }]);
  });

  it('consultations nobody eligible ever serves are reported, not waited on forever', () => {
    const result = simulateRouting({
      strategy: 'average',
      agents: [simAgent('a', { groups: ['general'] })],
      opens: [open('c-1', 0, 5, { group: 'vip' }), open('c-2', 1, 5, { group: 'general' })],
    });
    expect(result.unassigned).toEqual(['c-1']);
    expect(result.assignments.map((a) => a.consultationId)).toEqual(['c-2']);
    expect(result.queueWait).toEqual({ p50: 0, p95: 0, max: 0 });
  });

  it('compares strategies on the same history: weighted follows the weights', () => {
    const agents = [
      simAgent('a', { capacity: 10, weight: 3 }),
      simAgent('b', { capacity: 10, weight: 1 }),
    ];
    const opens = Array.from({ length: 8 }, (_, i) => open(`c-${i}`, i, 1));
    const assigned = (strategy: 'average' | 'weighted') =>
      simulateRouting({ strategy, agents, opens }).perAgent.map((agent) => agent.assigned);
    expect(assigned('average')).toEqual([4, 4]);
    expect(assigned('weighted')).toEqual([6, 2]);
  });

  it('is deterministic and ignores the order the opens were listed in', () => {
    const agents = [simAgent('a', { capacity: 2 }), simAgent('b', { capacity: 3, weight: 2 })];
    const opens = Array.from({ length: 40 }, (_, i) =>
      open(`c-${i}`, (i * 7) % 23, 5 + (i % 4) * 3),
    );
    for (const strategy of ['average', 'weighted', 'least-load'] as const) {
      const first = simulateRouting({ strategy, agents, opens });
      expect(simulateRouting({ strategy, agents, opens })).toEqual(first);
      const byTime = [...opens].sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
      expect(simulateRouting({ strategy, agents, opens: byTime })).toEqual(first);
      for (const agent of first.perAgent) {
        const capacity = agents.find((a) => a.agentId === agent.agentId)!.capacity;
        expect(agent.maxConcurrent).toBeLessThanOrEqual(capacity);
      }
    }
  });

  it('refuses unreadable times and negative handle times', () => {
    expect(() =>
      simulateRouting({
        strategy: 'average',
        agents: [],
        opens: [{ ...open('c-1', 0, 1), at: 'soon' }],
      }),
    ).toThrow(expect.objectContaining({ code: 'SIMULATION_INVALID_TIME' }));
    expect(() =>
      simulateRouting({ strategy: 'average', agents: [], opens: [open('c-1', 0, -1)] }),
    ).toThrow(expect.objectContaining({ code: 'SIMULATION_INVALID_HANDLE_TIME' }));
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, 0],
    [[7], 95, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 95, 4],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    [Array.from({ length: 100 }, (_, i) => i + 1), 50, 50],
  ])('%j p%i = %i', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
