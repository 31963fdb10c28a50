import { performance } from 'node:perf_hooks';
import { devTokens, pairUp, pool, rest } from '../../scripts/load/load.setup';
import { formatRate, machineInfo, type BenchScenario } from '../bench.report';
import type { PollTarget } from '../support/long-poll.worker';
import type { ProbeReply } from '../support/probe.preload';
import { startSwitchboard, type ServerChild } from '../support/server.process';
import { envNumber, round, sleep, summarize } from '../support/stats';
import { WorkerHost } from '../support/worker.host';

/*
 * Long-polls parked in ONE Switchboard process (`POST /v1/conversations/sync` with `wait`),
 * and how late the server's event loop runs while they wait: perf_hooks' event-loop delay
 * measured inside the server child (bench/support/probe.preload.ts), plus the round trip of
 * `GET /health` from outside. At the end one message per conversation wakes every poll.
 */

const POLLS = envNumber('BENCH_LONG_POLLS', 5_000);
const CONVERSATIONS = envNumber('BENCH_LONG_POLL_CONVERSATIONS', 50);
const MEASURE_MS = envNumber('BENCH_LONG_POLL_MEASURE_MS', 15_000);
const WAIT_S = 30;
const TARGET_POLLS = 5_000;
const TARGET_LAG_MS = 20;

interface Window {
  readonly lag: ProbeReply['lag'];
  readonly health: ReturnType<typeof summarize>;
}

/** Event-loop delay inside the server and /health round trips over `ms`. */
async function observe(server: ServerChild, ms: number): Promise<Window> {
  await server.probe({ resetLag: true });
  const trips: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const began = performance.now();
    await fetch(`${server.url}/health`).then((res) => res.arrayBuffer());
    trips.push(performance.now() - began);
    await sleep(100);
  }
  const { lag } = await server.probe({ resetLag: true });
  return { lag, health: summarize(trips) };
}

export const longPollScenario: BenchScenario = {
  name: 'long-poll',
  description: `${POLLS} parked long-polls in one Switchboard process: event-loop lag while they wait`,
  async run(log) {
    const server = await startSwitchboard();
    const worker = new WorkerHost('long-poll.worker.ts');
    try {
      const pairs = await pairUp({
        url: server.url,
        customers: CONVERSATIONS,
        agents: Math.max(1, Math.floor(CONVERSATIONS / 10)),
        domain: 'travel',
        tokens: devTokens(server.url),
      });
      // Poll from the last seq each conversation holds, so nothing is new and every poll parks.
      const targets: PollTarget[] = await pool(pairs, 10, async (pair) => {
        const page = await rest<{ messages: { seq: number }[] }>(
          server.url,
          'POST',
          '/v1/conversations/sync',
          pair.customerToken,
          { cursors: [{ conversationId: pair.conversationId, afterSeq: 0 }], limit: 1000 },
        );
        const afterSeq = Math.max(0, ...page.messages.map((m) => m.seq));
        return { token: pair.customerToken, conversationId: pair.conversationId, afterSeq };
      });

      const idle = await observe(server, 5_000);
      log(
        `idle server: event-loop lag p99 ${idle.lag.p99.toFixed(1)} ms, /health p99 ${idle.health.p99.toFixed(1)} ms`,
      );

      const began = performance.now();
      await worker.call('park', { url: server.url, targets, count: POLLS, wait: WAIT_S });
      await sleep(2_000);
      const parkSeconds = (performance.now() - began) / 1000;
      const parked = await observe(server, MEASURE_MS);
      const status = await worker.call<{
        pending: number;
        answered: number;
        errors: Record<string, number>;
      }>('status');
      log(
        `${formatRate(status.pending)} polls parked (${status.answered} answered early, errors ` +
          `${JSON.stringify(status.errors)}): lag p99 ${parked.lag.p99.toFixed(1)} ms, ` +
          `max ${parked.lag.max.toFixed(1)} ms, /health p99 ${parked.health.p99.toFixed(1)} ms`,
      );

      // Wake them: one message per conversation must answer every parked poll.
      await pool(pairs, 10, (pair) =>
        rest(
          server.url,
          'POST',
          `/v1/conversations/${pair.conversationId}/messages`,
          pair.agentToken,
          {
            clientMsgId: `wake-${pair.conversationId}`,
            type: 'text',
            text: 'wake up',
          },
        ),
      );
      let woken = await worker.call<{ pending: number; answeredWithMessages: number }>('status');
      for (let i = 0; i < 50 && woken.pending > 0; i++) {
        await sleep(100);
        woken = await worker.call('status');
      }
      log(`woken by one message per conversation: ${woken.answeredWithMessages} answered with it`);

      const lagFigure = {
        value: round(parked.lag.p99),
        unit: 'ms (event-loop delay p99, inside the server)',
        p50Ms: round(parked.lag.p50),
        maxMs: round(parked.lag.max),
        healthRoundTripP50Ms: round(parked.health.p50),
        healthRoundTripP99Ms: round(parked.health.p99),
        measuredSeconds: MEASURE_MS / 1000,
      };
      return {
        name: 'long-poll',
        results: {
          parked_polls: {
            value: status.pending,
            unit: 'polls parked in one process',
            attempted: POLLS,
            conversations: CONVERSATIONS,
            parkSeconds: round(parkSeconds, 1),
            answeredEarly: status.answered,
            errors: status.errors,
            wokenWithMessage: woken.answeredWithMessages,
          },
          lag_while_parked: lagFigure,
        },
        baseline: {
          idle_lag: {
            value: round(idle.lag.p99),
            unit: 'ms (event-loop delay p99, no polls)',
            maxMs: round(idle.lag.max),
            healthRoundTripP99Ms: round(idle.health.p99),
          },
        },
        ratio: {},
        target: {
          parked_polls: `≥ ${formatRate(TARGET_POLLS)} parked polls in one process`,
          lag_while_parked: `event-loop lag p99 ≤ ${TARGET_LAG_MS} ms while they wait`,
        },
        pass: {
          parked_polls: status.pending >= TARGET_POLLS,
          lag_while_parked: parked.lag.p99 <= TARGET_LAG_MS,
        },
        machine: machineInfo(),
      };
    } finally {
      await worker.call('close').catch(() => undefined);
      await worker.close();
      await server.stop();
    }
  },
};
