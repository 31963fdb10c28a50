import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * A load generator in its own process (never inside the server under test): the parent sends
 * `{id, cmd, ...args}` over IPC, the worker answers `{id, result}` or `{id, error}`.
 */
export class WorkerHost {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();

  constructor(script: string) {
    this.child = fork(join(__dirname, script), [], {
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw) => {
      const reply = raw as { id: number; result?: unknown; error?: string };
      const pending = this.waiting.get(reply.id);
      if (pending === undefined) return;
      this.waiting.delete(reply.id);
      if (reply.error === undefined) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error));
    });
    this.child.on('exit', (code) => {
      for (const pending of this.waiting.values())
        pending.reject(new Error(`${script} exited (${code})`));
      this.waiting.clear();
    });
  }

  call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, ...args });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Worker side: serves the commands of `handlers` over IPC. */
export function serveCommands(
  handlers: Record<string, (args: Record<string, unknown>) => Promise<unknown> | unknown>,
): void {
  process.on('message', (raw) => {
    const { id, cmd, ...args } = raw as { id: number; cmd: string } & Record<string, unknown>;
    const handler = handlers[cmd];
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`Unknown command ${cmd}`);
        return handler(args);
      })
      .then(
        (result) => process.send!({ id, result: result ?? null }),
        (error: unknown) => process.send!({ id, error: String((error as Error).stack ?? error) }),
      );
  });
}
