import { monitorEventLoopDelay } from 'node:perf_hooks';

/*
 * Preloaded (`-r`) into a server child the benchmark spawns with an IPC channel: answers
 * `{probe: id, gc?, resetLag?}` with the process's memory and event-loop delay, so the bench
 * measures the server from inside without the server knowing about benchmarks. GC needs
 * `--expose-gc` on the child.
 */

export interface ProbeRequest {
  readonly probe: number;
  readonly gc?: boolean;
  readonly resetLag?: boolean;
}

export interface ProbeReply {
  readonly probe: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  /** Event-loop delay beyond the 10 ms sampling interval, since the last reset, in ms. */
  readonly lag: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly count: number;
  };
  readonly handles: number;
}

const RESOLUTION_MS = 10;
const lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
/** The histogram records whole timer intervals: what exceeds the interval is the lag. */
const beyond = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS);
lag.enable();

process.on('message', (raw: unknown) => {
  const request = raw as Partial<ProbeRequest>;
  if (typeof request?.probe !== 'number' || process.send === undefined) return;
  if (request.gc === true) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
  }
  const memory = process.memoryUsage();
  const reply: ProbeReply = {
    probe: request.probe,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    lag: {
      p50: beyond(lag.percentile(50)),
      p99: beyond(lag.percentile(99)),
      max: beyond(lag.max),
      count: lag.count,
    },
    handles: (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length,
  };
  if (request.resetLag === true) lag.reset();
  process.send(reply);
});
