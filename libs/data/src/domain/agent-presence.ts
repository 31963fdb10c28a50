import type { AgentFactData, Fact } from './fact';
import { compareByTime } from './fact-order';
import { splitByBuckets, type Buckets } from './metrics-buckets';
import type { PresenceSlice } from './observation';

/** What presence figures need of one agent: its facts, any order. */
interface AgentState {
  status: AgentFactData['status']['status'];
  readonly held: Set<string>;
}

function apply(state: AgentState, fact: Fact): void {
  const data = fact.data as never;
  switch (fact.kind) {
    case 'registered':
      state.status = 'offline';
      break;
    case 'status':
      state.status = (data as AgentFactData['status']).status;
      break;
    case 'taken':
      state.held.add((data as AgentFactData['taken']).consultationId);
      break;
    case 'released':
      state.held.delete((data as AgentFactData['released']).consultationId);
      break;
    default:
      break;
  }
}

/**
 * Online time per agent and bucket within [fromMs, toMs), with the consultations the agent
 * held meanwhile (taken and not yet released, per the agent's own stream). `away` and
 * `offline` are not online. An agent starts offline; the last state lasts until `toMs`.
 */
export function presenceSlices(
  agentId: string,
  facts: readonly Fact[],
  fromMs: number,
  toMs: number,
  b: Buckets,
): PresenceSlice[] {
  const state: AgentState = { status: 'offline', held: new Set() };
  const sorted = [...facts].sort(compareByTime);
  const slices = new Map<number, { onlineMs: number; occupiedMs: number; heldMs: number }>();
  for (let i = 0; i < sorted.length; i++) {
    apply(state, sorted[i]);
    const start = Math.max(fromMs, Date.parse(sorted[i].at));
    const end = Math.min(toMs, i + 1 < sorted.length ? Date.parse(sorted[i + 1].at) : toMs);
    if (state.status !== 'online' || end <= start) continue;
    for (const [bucketStart, pieceStart, pieceEnd] of splitByBuckets(b, start, end)) {
      const ms = pieceEnd - pieceStart;
      const slice = slices.get(bucketStart) ?? { onlineMs: 0, occupiedMs: 0, heldMs: 0 };
      slice.onlineMs += ms;
      if (state.held.size > 0) slice.occupiedMs += ms;
      slice.heldMs += ms * state.held.size;
      slices.set(bucketStart, slice);
    }
  }
  return [...slices.entries()]
    .sort(([a], [b2]) => a - b2)
    .map(([bucketStart, slice]) => ({ agentId, bucketStart, ...slice }));
}

/** The agent's groups as last registered or changed before the end of the range. */
export function latestGroups(facts: readonly Fact[]): readonly string[] {
  let groups: readonly string[] = [];
  for (const fact of [...facts].sort(compareByTime)) {
    if (fact.kind === 'registered') groups = (fact.data as AgentFactData['registered']).groups;
    if (fact.kind === 'groups') groups = (fact.data as AgentFactData['groups']).groups;
  }
  return groups;
}
