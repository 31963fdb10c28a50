import { type SnapshotPolicy } from '@switchboard/es-core';

/** Stream names (DESIGN: `consultation-<id>`, `agent-<id>`); ids may themselves contain dashes. */
export const CONSULTATION_STREAM_PREFIX = 'consultation-';
export const AGENT_STREAM_PREFIX = 'agent-';

export function consultationStream(consultationId: string): string {
  return `${CONSULTATION_STREAM_PREFIX}${consultationId}`;
}

export function agentStream(agentId: string): string {
  return `${AGENT_STREAM_PREFIX}${agentId}`;
}

/**
 * Snapshots of long-lived streams (an agent's takes and releases, a queue's arrivals) in
 * `snapshot-<stream>`, a prefix nothing subscribes to: loading one reads its latest snapshot
 * and at most about `every` events after it instead of months of history. Bump `version` when
 * the agent or queue state, or how events fold into it, changes.
 */
export const LONG_STREAM_SNAPSHOTS: SnapshotPolicy = {
  streamOf: (streamId) => `snapshot-${streamId}`,
  every: 200,
  version: 1,
};

/** The consultation id of a `consultation-<id>` stream, or null for any other stream. */
export function consultationIdOf(streamId: string): string | null {
  return streamId.startsWith(CONSULTATION_STREAM_PREFIX)
    ? streamId.slice(CONSULTATION_STREAM_PREFIX.length) || null
    : null;
}

/** The agent id of an `agent-<id>` stream, or null for any other stream. */
export function agentIdOf(streamId: string): string | null {
  return streamId.startsWith(AGENT_STREAM_PREFIX)
    ? streamId.slice(AGENT_STREAM_PREFIX.length) || null
    : null;
}
