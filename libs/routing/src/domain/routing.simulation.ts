import { DomainError } from '@switchboard/es-core';
import { queueDecider } from './queue.decider';
import { type QueueEvent, type QueueState } from './queue.events';
import { drainQueue } from './route.decision';
import { type AgentSnapshot, type StrategyStates } from './routing.types';
import {
  type SimulatedAgent,
  type SimulatedAssignment,
  type SimulationInput,
  type SimulationResult,
} from './simulation.types';

/**
 * A discrete-event simulation of routing over recorded opens, driven through the real queue
 * decider and `drainQueue`. Time comes only from the input: at each moment, finished
 * consultations free their agents first, online windows are applied, arrivals join the
 * queue, then the queue drains. Same input, same result.
 */
export function simulateRouting(input: SimulationInput): SimulationResult {
  validate(input);
  const config = { default: input.strategy };
  const opens = [...input.opens].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const handleTime = new Map(opens.map((open) => [open.consultationId, open.handleTimeMs]));
  const boundaries = windowBoundaries(input.agents);
  const loads = new Map(input.agents.map((agent) => [agent.agentId, 0]));
  const stats = new Map(
    input.agents.map((agent) => [agent.agentId, { assigned: 0, maxConcurrent: 0 }]),
  );
  const holding: { agentId: string; until: number }[] = [];
  const assignments: SimulatedAssignment[] = [];
  let queue: QueueState = queueDecider.initialState;
  let states: StrategyStates = {};
  let nextOpen = 0;
  let step = 0;
  let now = 0;
  const apply = (decide: (metadata: { commandId: string; now: Date }) => readonly QueueEvent[]) => {
    queue = decide({ commandId: `simulation-${step++}`, now: new Date(now) }).reduce(
      queueDecider.evolve,
      queue,
    );
  };

  for (;;) {
    now = earliest(
      nextOpen < opens.length ? Date.parse(opens[nextOpen].at) : Infinity,
      holding.map((held) => held.until),
      boundaries,
    );
    if (now === Infinity) break;
    while (boundaries.length > 0 && boundaries[0] <= now) boundaries.shift();

    for (let index = holding.length - 1; index >= 0; index--) {
      if (holding[index].until > now) continue;
      const { agentId } = holding[index];
      loads.set(agentId, (loads.get(agentId) ?? 0) - 1);
      holding.splice(index, 1);
    }
    for (; nextOpen < opens.length && Date.parse(opens[nextOpen].at) <= now; nextOpen++) {
      const { handleTimeMs: _, ...data } = opens[nextOpen];
      apply((metadata) => queueDecider.decide({ type: 'enqueue', data, metadata }, queue));
    }

    const agents = input.agents.map((agent) =>
      snapshotAt(agent, loads.get(agent.agentId) ?? 0, now),
    );
    const plan = drainQueue(queue, agents, config, states);
    states = plan.strategyStates;
    const waitingSince = new Map(queue.entries.map((entry) => [entry.consultationId, entry.at]));
    for (const { consultationId, agentId } of plan.assignments) {
      apply((metadata) =>
        queueDecider.decide(
          { type: 'dequeue', data: { consultationId, reason: 'assigned', agentId }, metadata },
          queue,
        ),
      );
      const load = (loads.get(agentId) ?? 0) + 1;
      loads.set(agentId, load);
      holding.push({ agentId, until: now + (handleTime.get(consultationId) ?? 0) });
      const agentStats = stats.get(agentId);
      if (agentStats !== undefined) {
        agentStats.assigned++;
        agentStats.maxConcurrent = Math.max(agentStats.maxConcurrent, load);
      }
      const openedAt = waitingSince.get(consultationId) ?? new Date(now).toISOString();
      assignments.push({
        consultationId,
        agentId,
        openedAt,
        assignedAt: new Date(now).toISOString(),
        waitMs: now - Date.parse(openedAt),
      });
    }
  }

  const waits = assignments.map((assignment) => assignment.waitMs).sort((a, b) => a - b);
  return {
    queueWait: {
      p50: percentile(waits, 50),
      p95: percentile(waits, 95),
      max: waits.length === 0 ? 0 : waits[waits.length - 1],
    },
    perAgent: input.agents.map((agent) => ({
      agentId: agent.agentId,
      ...(stats.get(agent.agentId) ?? { assigned: 0, maxConcurrent: 0 }),
    })),
    assignments,
    unassigned: queue.entries.map((entry) => entry.consultationId),
  };
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

function earliest(first: number, ...lists: readonly (readonly number[])[]): number {
  let min = first;
  for (const list of lists) for (const value of list) if (value < min) min = value;
  return min;
}

function snapshotAt(agent: SimulatedAgent, load: number, now: number): AgentSnapshot {
  const windows = agent.onlineWindows;
  const online =
    windows === undefined ||
    windows.some((window) => Date.parse(window.from) <= now && now < Date.parse(window.to));
  const { onlineWindows: _, ...rest } = agent;
  return { ...rest, load, status: online ? 'online' : 'offline' };
}

function windowBoundaries(agents: readonly SimulatedAgent[]): number[] {
  const times = agents.flatMap((agent) =>
    (agent.onlineWindows ?? []).flatMap((window) => [
      Date.parse(window.from),
      Date.parse(window.to),
    ]),
  );
  return [...new Set(times)].sort((a, b) => a - b);
}

/** Recorded history can be damaged; an unparseable time would stall the clock, so refuse it. */
function validate(input: SimulationInput): void {
  const times = [
    ...input.opens.map((open) => open.at),
    ...input.agents.flatMap((agent) =>
      (agent.onlineWindows ?? []).flatMap((window) => [window.from, window.to]),
    ),
  ];
  const badTime = times.find((time) => Number.isNaN(Date.parse(time)));
  if (badTime !== undefined) {
    throw new DomainError(
      'SIMULATION_INVALID_TIME',
      `Not an ISO-8601 time: ${badTime}`,
      'invalid_command',
    );
  }
  const badOpen = input.opens.find(
    (open) => !(open.handleTimeMs >= 0 && Number.isFinite(open.handleTimeMs)),
  );
  if (badOpen !== undefined) {
    throw new DomainError(
      'SIMULATION_INVALID_HANDLE_TIME',
      `Handle time of ${badOpen.consultationId} must be a finite number of ms >= 0`,
      'invalid_command',
    );
  }
}
