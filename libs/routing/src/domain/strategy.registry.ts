import { assertNever } from '@switchboard/es-core';
import { averageStrategy, initialAverageState } from './average.strategy';
import { initialLeastLoadState, leastLoadStrategy } from './least-load.strategy';
import {
  type StrategyInput,
  type StrategyName,
  type StrategyOutcome,
  type StrategyState,
} from './routing.types';
import { initialWeightedState, weightedStrategy } from './weighted.strategy';

export function initialStrategyState(name: StrategyName): StrategyState {
  switch (name) {
    case 'average':
      return initialAverageState;
    case 'weighted':
      return initialWeightedState;
    case 'least-load':
      return initialLeastLoadState;
    default:
      return assertNever(name);
  }
}

/**
 * Runs the named strategy. A state kept for another strategy (the operator changed the
 * configuration) is dropped and the strategy starts fresh; no state at all means fresh too.
 */
export function runStrategy(
  name: StrategyName,
  input: StrategyInput,
  state: StrategyState | undefined,
): StrategyOutcome {
  const own = state?.strategy === name ? state : initialStrategyState(name);
  switch (own.strategy) {
    case 'average':
      return averageStrategy(input, own);
    case 'weighted':
      return weightedStrategy(input, own);
    case 'least-load':
      return leastLoadStrategy(input, own);
    default:
      return assertNever(own);
  }
}
