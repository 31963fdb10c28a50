import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../test/scale/support/service.process';

const ROOT = resolve(__dirname, '../..');

export type ClusterApp = 'im' | 'customer-service' | 'dispatcher' | 'gateway';

/** One service of the benchmarked cluster, in its own process. */
export interface ClusterService {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Its stdout and stderr, line by line. */
  readonly lines: string[];
  /** SIGTERM, then the exit code (SIGKILL after `ms`). */
  stop(ms?: number): Promise<number | null>;
}

/**
 * Starts `apps/<app>/src/main.ts` on a port chosen here, with exactly `env` (plus PATH), and
 * waits until `/health` answers 200. Unlike test/scale's helper it does not read the port from
 * the "listening" log line, so the services can run at LOG_LEVEL=warn like the one-process
 * baseline: an access-log line per request would be measured as well otherwise.
 */
export async function startClusterService(
  app: ClusterApp,
  name: string,
  env: Readonly<Record<string, string>>,
  bootLimitMs = 60_000,
): Promise<ClusterService> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const giveUpAt = Date.now() + bootLimitMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited ${child.exitCode}:\n${lines.slice(-30).join('\n')}`);
    const healthy = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > giveUpAt) {
      child.kill('SIGKILL');
      throw new Error(
        `${name} not healthy after ${bootLimitMs} ms:\n${lines.slice(-30).join('\n')}`,
      );
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    name,
    url,
    child,
    lines,
    async stop(ms = 20_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
