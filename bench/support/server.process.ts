import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeReply } from './probe.preload';

const ROOT = join(__dirname, '..', '..');
const PRELOAD = join(__dirname, 'probe.preload.ts');

/** A server under test, in its own process. */
export interface ServerChild {
  readonly url: string;
  readonly process: ChildProcess;
  /** Memory and event-loop delay from inside the child (`gc` first when asked). */
  probe(options?: { gc?: boolean; resetLag?: boolean }): Promise<ProbeReply>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Directory for a `--cpu-prof` profile of the child. */
  readonly cpuProfDir?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Switchboard itself: embedded SQLite on a temp file, in-process bus, memory delivery. */
export function startSwitchboard(options: ServerOptions = {}): Promise<ServerChild> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-server-'));
  return start(join(ROOT, 'apps/switchboard/src/main.ts'), options, dir, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    EVENT_STORE: 'sqlite',
    SQLITE_FILENAME: join(dir, 'events.db'),
    UPLOAD_DIR: join(dir, 'uploads'),
    BUS: 'memory',
    DELIVERY_ADAPTER: 'memory',
    JWT_SECRET: '',
    GATEWAY_RATE_LIMIT_PER_S: '100000',
  });
}

/** The bare socket.io relay written for the benchmark (bench/support/bare-relay.server.ts). */
export function startBareRelay(options: ServerOptions = {}): Promise<ServerChild> {
  return start(join(__dirname, 'bare-relay.server.ts'), options, undefined, {});
}

async function start(
  script: string,
  options: ServerOptions,
  dir: string | undefined,
  env: Record<string, string>,
): Promise<ServerChild> {
  const port = await freePort();
  const flags = ['--expose-gc', '-r', '@swc-node/register', '-r', PRELOAD];
  if (options.cpuProfDir !== undefined)
    flags.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  const child = spawn(process.execPath, [...flags, script], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${output}`);
    const ok = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} not healthy after 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  let nextProbe = 0;
  return {
    url,
    process: child,
    probe: (request = {}) =>
      new Promise<ProbeReply>((resolve) => {
        const probe = nextProbe++;
        const onMessage = (reply: ProbeReply) => {
          if (reply.probe !== probe) return;
          child.off('message', onMessage);
          resolve(reply);
        };
        child.on('message', onMessage);
        child.send({ probe, ...request });
      }),
    async stop() {
      // SIGINT: Switchboard drains and exits; --cpu-prof writes its profile on a clean exit.
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
