import { type RecordedEvent } from '@switchboard/event-store';
import { type RecordedOpen, type SimulatedAgent } from '@switchboard/routing';
import {
  type AgentEvent,
  type AgentState,
  agentIdOf,
  evolveAgent,
  initialAgentState,
  type ConsultationEvent,
} from '../../domain';

/** Used when no consultation in the history was ever resolved or closed by an agent. */
export const DEFAULT_HANDLE_TIME_MS = 5 * 60_000;

/** The event types `recordedOpens` and `recordedAgents` read. */
export const HISTORY_EVENT_TYPES = [
  'ConsultationOpened',
  'ConsultationAssigned',
  'ConsultationAccepted',
  'ConsultationResolved',
  'ConsultationClosed',
  'AgentRegistered',
  'AgentCapacityChanged',
  'AgentGroupsChanged',
  'AgentSkillsChanged',
  'AgentWeightChanged',
];

interface Timeline {
  open: RecordedOpen;
  startedAt?: number;
  accepted?: boolean;
  endedAt?: number;
}

/**
 * The consultation opens of a recorded history, in open order, each with how long an agent
 * held it: from its first acceptance (or assignment) to its resolution (or close). Opens
 * never handled get the median of the known handle times.
 */
export function recordedOpens(history: readonly RecordedEvent[]): RecordedOpen[] {
  const timelines = new Map<string, Timeline>();
  for (const recorded of history) {
    const event = { type: recorded.type, version: 1, data: recorded.data } as ConsultationEvent;
    if (event.type === 'ConsultationOpened') {
      const { consultationId, at, domain, group } = event.data;
      timelines.set(consultationId, {
        open: { consultationId, at, domain, group, handleTimeMs: 0 },
      });
      continue;
    }
    const t = timelines.get((event.data as { consultationId?: string }).consultationId ?? '');
    if (t === undefined) continue;
    const at = Date.parse((event.data as { at: string }).at);
    if (event.type === 'ConsultationAssigned' && t.startedAt === undefined) t.startedAt = at;
    if (event.type === 'ConsultationAccepted' && t.accepted !== true && t.endedAt === undefined) {
      t.startedAt = at;
      t.accepted = true;
    }
    if (
      (event.type === 'ConsultationResolved' || event.type === 'ConsultationClosed') &&
      t.endedAt === undefined &&
      t.startedAt !== undefined
    ) {
      t.endedAt = at;
    }
  }
  const known = [...timelines.values()]
    .filter((t) => t.startedAt !== undefined && t.endedAt !== undefined)
    .map((t) => Math.max(1, t.endedAt! - t.startedAt!))
    .sort((a, b) => a - b);
  const fallback = known.length > 0 ? known[Math.floor(known.length / 2)] : DEFAULT_HANDLE_TIME_MS;
  return [...timelines.values()]
    .map((t) => ({
      ...t.open,
      handleTimeMs:
        t.startedAt !== undefined && t.endedAt !== undefined
          ? Math.max(1, t.endedAt - t.startedAt)
          : fallback,
    }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Every registered agent with its latest settings, online throughout the simulation. */
export function recordedAgents(history: readonly RecordedEvent[]): SimulatedAgent[] {
  const agents = new Map<string, AgentState>();
  for (const recorded of history) {
    const agentId = agentIdOf(recorded.streamId);
    if (agentId === null) continue;
    const event = { type: recorded.type, version: 1, data: recorded.data } as AgentEvent;
    agents.set(agentId, evolveAgent(agents.get(agentId) ?? initialAgentState, event));
  }
  return [...agents.values()].flatMap((state) =>
    state.status === 'unregistered'
      ? []
      : [
          {
            agentId: state.agentId,
            capacity: state.capacity,
            weight: state.weight,
            groups: state.groups,
            skills: state.skills,
          },
        ],
  );
}
