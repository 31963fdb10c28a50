import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '../../..');

export type AppName = 'im' | 'customer-service' | 'dispatcher' | 'gateway';

/** One app running as its own process (main.ts through @swc-node/register, no build step). */
export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  /** Milliseconds from spawn to the "listening" log line. */
  readonly bootMs: number;
  readonly lines: string[];
  /** SIGTERM, then the exit code (SIGKILL and a throw if it does not exit within `ms`). */
  stop(ms?: number): Promise<number | null>;
  /** The `msg` of every JSON log line so far. */
  messages(): string[];
}

/**
 * Starts `apps/<app>/src/main.ts` with exactly `env` (plus PATH) on a free port chosen by the
 * OS (PORT=0; the port is read back from the app's "listening" line).
 */
export async function startService(
  app: AppName,
  label: string,
  env: Readonly<Record<string, string>>,
  bootLimitMs = 60_000,
): Promise<ServiceProcess> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const messages = () =>
    lines.flatMap((line) => {
      try {
        return [String((JSON.parse(line) as { msg?: unknown }).msg)];
      } catch {
        return [];
      }
    });
  const port = await waitFor(
    () => {
      if (child.exitCode !== null) {
        throw new Error(`${label} exited ${child.exitCode}:\n${lines.slice(-30).join('\n')}`);
      }
      const line = messages().find((msg) => / listening on .*, port \d+/.test(msg));
      return line === undefined ? undefined : Number(/port (\d+)/.exec(line)![1]);
    },
    bootLimitMs,
    () => `${label} did not listen within ${bootLimitMs} ms:\n${lines.slice(-30).join('\n')}`,
  );
  const bootMs = Date.now() - startedAt;
  return {
    name: label,
    child,
    url: `http://127.0.0.1:${port}`,
    bootMs,
    lines,
    messages,
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

export async function waitFor<T>(
  find: () => T | undefined,
  limitMs: number,
  describe: () => string,
): Promise<T> {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > giveUpAt) throw new Error(describe());
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Sum of a Prometheus counter or gauge over the series matching `labels` (text format). */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match === null || match[1] !== name) continue;
    const series = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => series.includes(`${key}="${value}"`))) {
      total += Number(match[3]);
    }
  }
  return total;
}

/** A port free right now on 127.0.0.1 (for a process that must know its URL before it listens). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** CPU seconds (user + system) a live child has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuSeconds(service: ServiceProcess): number {
  try {
    const stat = readFileSync(`/proc/${service.child.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
