import { fold } from '@switchboard/es-core';
import { describe, expect, it } from 'vitest';
import { agentDecider, type AgentEvent, type AgentState, takesOf } from '../../domain';
import { agentBatchDecider, type TakeMany } from './agent-batch.decider';

const now = new Date('2026-12-05T09:00:00.000Z');
const at = now.toISOString();
const agentId = 'ada';
const online: AgentEvent[] = [
  {
    type: 'AgentRegistered',
    version: 1,
    data: {
      agentId,
      name: null,
      capacity: 3,
      groups: [],
      skills: [],
      weight: 1,
      status: 'offline',
      at,
    },
  },
  {
    type: 'AgentStatusChanged',
    version: 1,
    data: { agentId, status: 'online', previousStatus: 'offline', held: [], at },
  },
];
const takeMany = (...consultationIds: string[]): TakeMany => ({
  type: 'takeMany',
  data: { consultationIds },
  metadata: { commandId: 'drain-1', now },
});
/** The same takes one `takeConsultation` at a time, as agentDecider decides them. */
function oneByOne(state: AgentState, ids: readonly string[]): AgentEvent[] {
  const events: AgentEvent[] = [];
  for (const consultationId of ids) {
    try {
      const produced = agentDecider.decide(
        { type: 'takeConsultation', data: { consultationId }, metadata: { commandId: 'x', now } },
        state,
      );
      events.push(...produced);
      state = produced.reduce(agentDecider.evolve, state);
    } catch {
      // refused: left out, as the batch does
    }
  }
  return events;
}

describe("agent batch decider (a drain's takes on one agent)", () => {
  it('stores several takes as one AgentConsultationsTaken that folds and reads as the single takes', () => {
    const start = fold(agentDecider, online);
    const events = agentBatchDecider.decide(takeMany('k-1', 'k-2', 'k-1', 'k-3', 'k-4'), start);
    expect(events).toEqual([
      {
        type: 'AgentConsultationsTaken',
        version: 1,
        data: { agentId, consultationIds: ['k-1', 'k-2', 'k-3'], load: 3, capacity: 3, at },
      },
    ]);
    // k-1 repeated: taken once; k-4: over capacity, left out.
    const singles = oneByOne(start, ['k-1', 'k-2', 'k-1', 'k-3', 'k-4']);
    expect(events.flatMap(takesOf)).toEqual(singles.flatMap(takesOf));
    expect(fold(agentDecider, [...online, ...events])).toEqual(
      fold(agentDecider, [...online, ...singles]),
    );
    expect(takesOf(events[0]!)).toEqual([
      { consultationId: 'k-1', load: 1 },
      { consultationId: 'k-2', load: 2 },
      { consultationId: 'k-3', load: 3 },
    ]);
  });

  it('keeps one take as the plain AgentConsultationTaken, and none as nothing', () => {
    const start = fold(agentDecider, online);
    expect(agentBatchDecider.decide(takeMany('k-1'), start)).toEqual([
      {
        type: 'AgentConsultationTaken',
        version: 1,
        data: { agentId, consultationId: 'k-1', load: 1, capacity: 3, at },
      },
    ]);
    const away = fold(agentDecider, [
      ...online,
      {
        type: 'AgentStatusChanged',
        version: 1,
        data: { agentId, status: 'away', previousStatus: 'online', held: [], at },
      },
    ]);
    expect(agentBatchDecider.decide(takeMany('k-1', 'k-2'), away)).toEqual([]);
  });

  it('folds a redelivered AgentConsultationsTaken without counting anything twice', () => {
    const events = agentBatchDecider.decide(takeMany('k-1', 'k-2'), fold(agentDecider, online));
    const state = fold(agentDecider, [...online, ...events, ...events]);
    expect(state).toMatchObject({ held: ['k-1', 'k-2'] });
  });
});
