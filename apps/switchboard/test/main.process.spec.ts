import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const MAIN = 'apps/switchboard/src/main.ts';

interface Run {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs main.ts as `npm start` would, but through @swc-node/register (no build step). */
function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: ROOT,
    // A clean environment: nothing from the test runner leaks into the app's config.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => stdout.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout, stderr, exited };
}

async function waitFor<T>(run: Run, find: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    const output = `stdout:\n${run.stdout.join('\n')}\nstderr:\n${run.stderr.join('\n')}`;
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}\n${output}`);
    if (Date.now() > until) throw new Error(`no listening line after ${ms} ms\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function messages(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    try {
      return [String((JSON.parse(line) as { msg?: unknown }).msg)];
    } catch {
      return [];
    }
  });
}

describe('main.ts in a child process', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('serves /health, then exits 0 on SIGTERM after closing bus and event store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-main-'));
    dirs.push(dir);
    const run = runMain({
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_FILENAME: join(dir, 'data', 'switchboard.db'),
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    children.push(run.child);

    const port = await waitFor(
      run,
      () =>
        messages(run.stdout)
          .map((msg) => /^Listening on 127\.0\.0\.1, port (\d+) /.exec(msg)?.[1])
          .find((found) => found !== undefined),
      20_000,
    );
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);

    const sentAt = Date.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - sentAt).toBeLessThan(3_000);
    expect(messages(run.stdout)).toEqual(
      expect.arrayContaining(['Bus closed', 'Event store closed']),
    );
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: "PORT" must be a number \(got "abc"\)/],
    [{ EVENT_STORE: 'mysql' }, /EVENT_STORE: "EVENT_STORE" must be one of/],
    [{ EVENT_STORE: 'postgres' }, /DATABASE_URL: "DATABASE_URL" is required/],
  ])('refuses to start with %j, naming the variable', async (env, message) => {
    const run = runMain(env);
    children.push(run.child);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr.join('\n')).toMatch(message);
  });
});
