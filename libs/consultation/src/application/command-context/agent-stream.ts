import { type LoadedStream, loadStream } from '@switchboard/es-core';
import { type EventStore, type RecordedEvent } from '@switchboard/event-store';
import {
  agentDecider,
  type AgentEvent,
  type AgentState,
  agentStream,
  LONG_STREAM_SNAPSHOTS,
} from '../../domain';

export function toAgentEvent(recorded: RecordedEvent): AgentEvent {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as AgentEvent;
}

/**
 * How every command on an `agent-<id>` stream reads it: from its latest snapshot and the events
 * after it (an agent's stream grows by a take and a release per consultation, for ever).
 */
export const AGENT_STREAM_OPTIONS = {
  toDomainEvent: toAgentEvent,
  snapshots: LONG_STREAM_SNAPSHOTS,
} as const;

/** An agent's state and stream revision, read as commands read it. */
export function loadAgent(store: EventStore, agentId: string): Promise<LoadedStream<AgentState>> {
  return loadStream(store, agentStream(agentId), agentDecider, toAgentEvent, LONG_STREAM_SNAPSHOTS);
}
