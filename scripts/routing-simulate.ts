import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SqliteEventStore } from '@switchboard/event-store';
import {
  isStrategyName,
  type SimulatedAgent,
  simulateRouting,
  STRATEGY_NAMES,
} from '@switchboard/routing';
import {
  HISTORY_EVENT_TYPES,
  recordedAgents,
  recordedOpens,
} from '@switchboard/consultation/application/routing/recorded-history';

/**
 * `npm run routing:simulate -- --strategy <name> [--agents file.json] [--db path]`
 *
 * Replays the consultation opens recorded in the SQLite event store through one strategy (or
 * `all` of them) and prints queue wait p50/p95/max and each agent's load, so an operator can
 * compare strategies on their own history. Agents come from `--agents` (a JSON array of
 * `{agentId, capacity, weight, groups, skills, onlineWindows?}`) or, without it, from the
 * agents registered in the store (latest settings, online throughout).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      strategy: { type: 'string' },
      agents: { type: 'string' },
      db: { type: 'string', default: process.env.SQLITE_FILENAME || './data/switchboard.db' },
      help: { type: 'boolean', default: false },
    },
  });
  const usage = `usage: npm run routing:simulate -- --strategy <${STRATEGY_NAMES.join('|')}|all> [--agents file.json] [--db path]`;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const wanted = values.strategy ?? '';
  const strategies = wanted === 'all' ? [...STRATEGY_NAMES] : [wanted];
  if (!strategies.every(isStrategyName)) {
    console.error(`Unknown strategy "${wanted}".\n${usage}`);
    return 2;
  }

  const store = await SqliteEventStore.open({ filename: values.db!, pollIntervalMs: 0 });
  try {
    const history = await store.readAll({ filter: { eventTypes: HISTORY_EVENT_TYPES } });
    const opens = recordedOpens(history);
    const agents: SimulatedAgent[] =
      values.agents === undefined
        ? recordedAgents(history)
        : (JSON.parse(readFileSync(values.agents, 'utf8')) as SimulatedAgent[]);
    console.log(`${opens.length} recorded opens, ${agents.length} agents, from ${values.db}`);
    if (opens.length === 0 || agents.length === 0) {
      console.error('Nothing to simulate: the history needs consultation opens and agents.');
      return 1;
    }
    for (const strategy of strategies.filter(isStrategyName)) {
      const result = simulateRouting({ opens, agents, strategy });
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      const { p50, p95, max } = result.queueWait;
      console.log(`\n${strategy}: queue wait p50 ${s(p50)}, p95 ${s(p95)}, max ${s(max)}`);
      console.log(
        `  assigned ${result.assignments.length}, never served ${result.unassigned.length}`,
      );
      console.log(
        `  ${'agent'.padEnd(24)} ${'assigned'.padStart(8)} ${'max concurrent'.padStart(14)}`,
      );
      for (const a of result.perAgent) {
        console.log(
          `  ${a.agentId.padEnd(24)} ${String(a.assigned).padStart(8)} ${String(a.maxConcurrent).padStart(14)}`,
        );
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
