import type { BenchScenario } from './bench.report';
import { eventStoreScenario } from './scenarios/event-store.bench';
import { relayScenario } from './scenarios/relay.bench';
import { routingScenario } from './scenarios/routing.bench';

/** Add new scenarios here. */
export const scenarios: readonly BenchScenario[] = [
  eventStoreScenario,
  routingScenario,
  relayScenario,
];
