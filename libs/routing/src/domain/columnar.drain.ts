import { inStableOrder, whyNotEligible } from './eligibility.policy';
import { pickWinner, type Verdicts, zeros } from './columnar.strategies';
import { type QueueEntry, type QueueState } from './queue.events';
import { type ReasonCandidates, type ReasonColumn, splitConstantColumns } from './reason-columns';
import { routingKeyOf, type RoutingConfig, strategyFor } from './routing.config';
import { type AgentSnapshot, type StrategyName, type StrategyStates } from './routing.types';
import { initialStrategyState } from './strategy.registry';

/**
 * An assignment's reason with its candidates as columns, one array per field, in agent id
 * order: `agentId`, `load`, `capacity`, `weight`, `score`, `eligible`, and `whyNot` when
 * someone was not eligible; a field every candidate shares is stored once instead (D44), and
 * least-load leaves `score` out (D48: `derivedScore` gives it from load and capacity). The
 * same values as `RoutingReason`'s candidate objects, in the form ConsultationAssigned stores
 * (D32), so nothing has to be converted on the way.
 */
export interface ColumnarRoutingReason extends ReasonCandidates {
  readonly strategy: StrategyName;
  readonly winner: string;
}

export interface ColumnarPlannedAssignment {
  readonly consultationId: string;
  readonly agentId: string;
  readonly reason: ColumnarRoutingReason;
}

export interface ColumnarDrainPlan {
  readonly assignments: readonly ColumnarPlannedAssignment[];
  readonly strategyStates: StrategyStates;
}

/** The verdict columns for one kind of entry, as of the `full`-th agent to fill up. */
interface Kind {
  readonly lasting: Verdicts;
  full: number;
  verdicts: Verdicts;
  /** The candidate fields no assignment of this kind changes until an agent fills up. */
  fixed: ReasonCandidates;
}

/**
 * `drainQueue`, with the same assignments and strategy states (proven against it over seeded
 * random inputs), for a drain of many entries over many agents. The candidate table is built
 * once per drain: the columns no assignment changes (`agentId`, `capacity`, `weight`) are
 * shared by every reason of the drain; the verdicts (and so `eligible`, `whyNot`) are worked
 * out once per kind of entry and again only when an agent fills up; per entry only the loads
 * and scores are new arrays. `drainQueue` built 50 candidate objects per entry and the
 * consultation packed them into columns again: 1,000 entries over 50 agents made 50,000
 * objects to collect.
 */
export function drainQueueInColumns(
  queue: QueueState,
  agents: readonly AgentSnapshot[],
  config: RoutingConfig,
  strategyStates: StrategyStates,
): ColumnarDrainPlan {
  const sorted = inStableOrder(agents);
  const agentId = column(sorted, (a) => a.agentId);
  const capacity = column(sorted, (a) => a.capacity);
  const weight = column(sorted, (a) => a.weight);
  const loads = column(sorted, (a) => a.load);
  const noScores = zeros(sorted.length);
  let roomLeft = sorted.filter((a) => a.status === 'online' && a.load < a.capacity).length;
  /** Agents filled up by this drain so far: verdicts change only then. */
  let full = 0;
  const kinds = new Map<string, Kind>();
  let states = strategyStates;
  const assignments: ColumnarPlannedAssignment[] = [];
  for (const entry of queue.entries) {
    if (roomLeft === 0) break;
    const strategy = strategyFor(config, entry);
    const key = routingKeyOf(entry);
    const kind = kindOf(kinds, sorted, entry, strategy);
    if (kind.full !== full) {
      kind.full = full;
      kind.verdicts = kind.lasting.map(
        (v, i) => v ?? (loads[i] < capacity[i] ? undefined : 'at_capacity'),
      );
      const fixed: Record<string, ReasonColumn> = { agentId, capacity, weight };
      fixed.eligible = column(kind.verdicts, (v) => v === undefined);
      if (kind.verdicts.some((v) => v !== undefined)) {
        fixed.whyNot = column(kind.verdicts, (v) => v ?? null);
      }
      kind.fixed = splitConstantColumns(fixed);
    }
    const own = states[key]?.strategy === strategy ? states[key] : initialStrategyState(strategy);
    const pick = pickWinner(own, kind.verdicts, agentId, weight, loads, capacity, noScores);
    if (pick === undefined) continue;
    const columns: Record<string, ReasonColumn> = {
      ...kind.fixed.candidateColumns,
      load: loads.slice(),
    };
    if (pick.scores !== undefined) columns['score'] = pick.scores;
    const winner = agentId[pick.index];
    const reason = { strategy, winner, ...kind.fixed, candidateColumns: columns };
    assignments.push({ consultationId: entry.consultationId, agentId: winner, reason });
    if (states[key] !== pick.next) states = { ...states, [key]: pick.next };
    loads[pick.index] += 1;
    if (!(loads[pick.index] < capacity[pick.index])) {
      roomLeft--;
      full++;
    }
  }
  return { assignments, strategyStates: states };
}

/** `whyNotEligible` minus capacity (an agent with no load and no limit), once per kind of entry. */
function kindOf(
  cache: Map<string, Kind>,
  agents: readonly AgentSnapshot[],
  entry: QueueEntry,
  strategy: StrategyName,
): Kind {
  const skills = entry.requiredSkills ?? [];
  const key = JSON.stringify([entry.group ?? null, skills, strategy === 'weighted']);
  let kind = cache.get(key);
  if (kind === undefined) {
    const options = { requirePositiveWeight: strategy === 'weighted' };
    const lasting = agents.map((a) =>
      whyNotEligible({ ...a, load: 0, capacity: Infinity }, entry, options),
    );
    kind = { lasting, full: -1, verdicts: [], fixed: { candidateColumns: {} } };
    cache.set(key, kind);
  }
  return kind;
}

/**
 * `items.map(f)`, as a PACKED array: `map` (and `new Array(n)`) make holey ones, which
 * JSON.stringify walks on its slow path, 1.6-2.6x slower. Every column ends up in a stored
 * reason, serialised once per assignment (1,000 times in a burst).
 */
function column<T, U>(items: readonly T[], f: (item: T) => U): U[] {
  const out: U[] = [];
  for (const item of items) out.push(f(item));
  return out;
}
