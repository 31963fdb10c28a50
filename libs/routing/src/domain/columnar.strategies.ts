import { assertNever } from '@switchboard/es-core';
import { compareIds } from './eligibility.policy';
import { type IneligibleReason, type StrategyState } from './routing.types';

/** Per candidate, in agent id order: why not eligible, or undefined when eligible. */
export type Verdicts = readonly (IneligibleReason | undefined)[];

/**
 * n zeros in a PACKED_DOUBLE array: `slice()` of it gives each entry its score column in one
 * allocation (growing an array by push, then turning its integers into doubles, cost three).
 */
export function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(-0); // -0 is not a small integer: double elements
  return out.fill(0);
}

export interface Pick {
  readonly index: number;
  /**
   * Per candidate; 0 for an ineligible one, as `candidateScore` gives it. Undefined for
   * least-load, whose scores the stored reason leaves to its loads and capacities (D48).
   */
  readonly scores?: number[];
  readonly next: StrategyState;
}

/** The strategies of average/weighted/least-load.strategy.ts, over the columns. */
export function pickWinner(
  state: StrategyState,
  verdicts: Verdicts,
  ids: readonly string[],
  weights: readonly number[],
  loads: readonly number[],
  capacities: readonly number[],
  noScores: readonly number[],
): Pick | undefined {
  const n = ids.length;
  let index = -1;
  switch (state.strategy) {
    case 'least-load': {
      for (let i = 0; i < n; i++) {
        if (verdicts[i] !== undefined) continue;
        if (index < 0) index = i;
        else {
          const left = loads[i] * capacities[index];
          const right = loads[index] * capacities[i];
          if (left < right || (left === right && loads[i] < loads[index])) index = i;
        }
      }
      return index < 0 ? undefined : { index, next: state };
    }
    case 'average': {
      const scores = noScores.slice();
      const eligible: number[] = [];
      for (let i = 0; i < n; i++) if (verdicts[i] === undefined) eligible.push(i);
      if (eligible.length === 0) return undefined;
      const cursor = state.lastAgentId;
      let start = cursor === null ? 0 : eligible.findIndex((i) => compareIds(ids[i], cursor) > 0);
      if (start < 0) start = 0;
      eligible.forEach((i, k) => {
        const rank = (k - start + eligible.length) % eligible.length;
        scores[i] = eligible.length - rank;
      });
      index = eligible[start];
      return { index, scores, next: { strategy: 'average', lastAgentId: ids[index] } };
    }
    case 'weighted': {
      const scores = noScores.slice();
      let total = 0;
      let best = -Infinity;
      for (let i = 0; i < n; i++) {
        if (verdicts[i] !== undefined) continue;
        scores[i] = (state.current[ids[i]] ?? 0) + weights[i];
        total += weights[i];
        if (scores[i] > best) {
          best = scores[i];
          index = i;
        }
      }
      if (index < 0) return undefined;
      const current: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const value = verdicts[i] === undefined ? scores[i] : (state.current[ids[i]] ?? 0);
        current[ids[i]] = i === index ? value - total : value;
      }
      return { index, scores, next: { strategy: 'weighted', current } };
    }
    default:
      return assertNever(state);
  }
}
