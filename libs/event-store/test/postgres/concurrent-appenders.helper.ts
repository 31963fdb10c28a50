import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';

export interface AppenderReport {
  readonly worker: string;
  readonly count: number;
  readonly retries: number;
  readonly elapsedMs: number;
}

const WORKER = resolve(__dirname, 'concurrent-appender.worker.ts');
const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * Forks one Node process per worker name (TypeScript through @swc-node/register, which also
 * reads tsconfig), waits until every one has opened its store, releases them together, and
 * resolves with their reports. Rejects if any child fails or the run exceeds `timeoutMs`.
 */
export async function runConcurrentAppenders(
  connectionString: string,
  schema: string,
  streamId: string,
  countPerWorker: number,
  workers: readonly string[],
  timeoutMs = 60_000,
): Promise<AppenderReport[]> {
  const children: ChildProcess[] = [];
  const timer = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), timeoutMs);
  try {
    const runs = workers.map((worker) => {
      const child = fork(
        WORKER,
        [connectionString, schema, streamId, String(countPerWorker), worker],
        {
          cwd: REPO_ROOT,
          execArgv: ['-r', '@swc-node/register'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        },
      );
      children.push(child);
      return childRun(child, worker);
    });
    await Promise.all(runs.map((run) => run.ready));
    children.forEach((child) => child.send({ go: true }));
    return await Promise.all(runs.map((run) => run.report));
  } finally {
    clearTimeout(timer);
  }
}

function childRun(child: ChildProcess, worker: string) {
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolveReady) => (onReady = resolveReady));
  const report = new Promise<AppenderReport>((resolveReport, reject) => {
    child.on('message', (message: { ready?: boolean; done?: boolean } & AppenderReport) => {
      if (message.ready) onReady();
      if (message.done) resolveReport(message);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      // The report may still be in the IPC pipe when a successful child exits.
      const error = new Error(`appender ${worker} exited early (code ${code}, signal ${signal})`);
      setTimeout(() => reject(error), code === 0 ? 500 : 0);
    });
  });
  // A child that dies before it is ready must fail the run, not hang it.
  return { ready: Promise.race([ready, report.then(() => undefined)]), report };
}
