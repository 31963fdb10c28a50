import type { BenchScenario } from './bench.report';
import { agentStreamScenario } from './scenarios/agent-stream.bench';
import { clusterScenario } from './scenarios/cluster.bench';
import { connectionsScenario } from './scenarios/connections.bench';
import { eventStoreScenario } from './scenarios/event-store.bench';
import { longPollScenario } from './scenarios/long-poll.bench';
import { relayScenario } from './scenarios/relay.bench';
import { replayScenario } from './scenarios/replay.bench';
import { routingScenario } from './scenarios/routing.bench';

/** Add new scenarios here. */
export const scenarios: readonly BenchScenario[] = [
  eventStoreScenario,
  routingScenario,
  relayScenario,
  connectionsScenario,
  longPollScenario,
  replayScenario,
  agentStreamScenario,
  clusterScenario,
];
