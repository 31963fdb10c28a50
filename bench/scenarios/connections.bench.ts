import { execSync } from 'node:child_process';
import { formatRate, machineInfo, type BenchFigure, type BenchScenario } from '../bench.report';
import type { ProbeReply } from '../support/probe.preload';
import { startBareRelay, startSwitchboard, type ServerChild } from '../support/server.process';
import { envNumber, round, sleep } from '../support/stats';
import { WorkerHost } from '../support/worker.host';

/*
 * Idle authenticated sockets held by ONE server process, and the memory each costs: the
 * server's heap (after forced GC) before and after connecting N sockets, divided by N, for
 * Switchboard and for the bare socket.io relay. Sockets come from generator processes.
 */

const TARGET_SOCKETS = 20_000;
const GENERATORS = envNumber('BENCH_CONNECTIONS_GENERATORS', 4);
/** Descriptors the server needs besides sockets (files, pipes, the listener, SQLite). */
const FD_HEADROOM = 200;

/** The per-process open-file limit children inherit (soft limit; the hard limit may be the same). */
function fdLimit(): number {
  const value = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

interface Held {
  readonly attempted: number;
  readonly connected: number;
  readonly seconds: number;
  readonly before: ProbeReply;
  readonly after: ProbeReply;
  readonly errors: Record<string, number>;
}

async function hold(server: ServerChild, count: number): Promise<Held> {
  await sleep(2_000);
  const before = await server.probe({ gc: true });
  const workers = Array.from({ length: GENERATORS }, () => new WorkerHost('connections.worker.ts'));
  try {
    const began = Date.now();
    const parts = await Promise.all(
      workers.map((worker, w) =>
        worker.call<{ connected: number; errors: Record<string, number> }>('open', {
          url: server.url,
          count: Math.floor(count / GENERATORS) + (w < count % GENERATORS ? 1 : 0),
          prefix: `idle-${w}`,
          concurrency: 200,
        }),
      ),
    );
    const seconds = (Date.now() - began) / 1000;
    await sleep(3_000);
    const after = await server.probe({ gc: true });
    const held = await Promise.all(
      workers.map((worker) => worker.call<{ connected: number }>('status')),
    );
    const errors: Record<string, number> = {};
    for (const part of parts)
      for (const [code, n] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + n;
    return {
      attempted: count,
      connected: held.reduce((sum, part) => sum + part.connected, 0),
      seconds,
      before,
      after,
      errors,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.call('close').catch(() => undefined)));
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

function figure(held: Held): BenchFigure {
  const per = (field: 'heapUsed' | 'rss' | 'external') =>
    Math.round((held.after[field] - held.before[field]) / Math.max(1, held.connected));
  return {
    value: per('heapUsed') + per('external'),
    unit: 'bytes/socket (heap + external, after GC)',
    rssPerSocket: per('rss'),
    heapPerSocket: per('heapUsed'),
    sockets: held.connected,
    attempted: held.attempted,
    connectSeconds: round(held.seconds, 1),
    connectsPerSecond: Math.round(held.connected / held.seconds),
    serverRssMb: round(held.after.rss / 2 ** 20, 1),
    errors: held.errors,
  };
}

export const connectionsScenario: BenchScenario = {
  name: 'connections',
  description: 'idle sockets in one process and memory per socket: Switchboard vs bare socket.io',
  async run(log) {
    const limit = fdLimit();
    const count = envNumber(
      'BENCH_CONNECTIONS',
      Math.min(TARGET_SOCKETS, Number.isFinite(limit) ? limit - FD_HEADROOM : TARGET_SOCKETS),
    );
    if (limit - FD_HEADROOM < TARGET_SOCKETS)
      log(
        `open-file limit ${limit} per process: attempting ${count} sockets, not ${TARGET_SOCKETS}`,
      );

    const bareServer = await startBareRelay();
    let bare: Held;
    try {
      bare = await hold(bareServer, count);
    } finally {
      await bareServer.stop();
    }
    const bareFigure = figure(bare);
    log(
      `bare socket.io: ${formatRate(bare.connected)} sockets, ${bareFigure.value} B/socket ` +
        `(rss ${bareFigure.rssPerSocket} B), ${bareFigure.connectsPerSecond} connects/s`,
    );

    const server = await startSwitchboard();
    let switchboard: Held;
    try {
      switchboard = await hold(server, count);
    } finally {
      await server.stop();
    }
    const sbFigure = figure(switchboard);
    log(
      `Switchboard:    ${formatRate(switchboard.connected)} sockets, ${sbFigure.value} B/socket ` +
        `(rss ${sbFigure.rssPerSocket} B), ${sbFigure.connectsPerSecond} connects/s`,
    );

    const ratio = { memory_per_socket: round(sbFigure.value / bareFigure.value) };
    return {
      name: 'connections',
      results: {
        sockets: {
          value: switchboard.connected,
          unit: 'sockets',
          fdLimit: Number.isFinite(limit) ? limit : null,
        },
        memory_per_socket: sbFigure,
      },
      baseline: { bare_memory_per_socket: bareFigure },
      ratio,
      target: {
        sockets: `≥ ${formatRate(TARGET_SOCKETS)} idle sockets in one process`,
        memory_per_socket: 'memory per socket ≤ 1.5 × bare socket.io',
      },
      pass: {
        sockets: switchboard.connected >= TARGET_SOCKETS,
        memory_per_socket: ratio.memory_per_socket <= 1.5,
      },
      machine: machineInfo(),
    };
  },
};
