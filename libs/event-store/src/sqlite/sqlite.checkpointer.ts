import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * About SQLite's own trigger (wal_autocheckpoint = 1000 pages of 4 KiB): the bytes appended
 * after which the writer asks for a checkpoint. Counted from the rows' JSON, so approximate
 * (index pages are not counted); the point is the order of magnitude, as in SQLite.
 */
export const CHECKPOINT_AFTER_BYTES = 4 * 1024 * 1024;

/** SQLite's default, restored on the writer's connection if the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker: its own connection to the same file, one PASSIVE checkpoint per request. Plain
 * JavaScript evaluated in the worker, so it needs no TypeScript loader there; the driver's path
 * comes from the main thread's resolution.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
parentPort.postMessage({ ready: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ frames: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

export interface CheckpointStats {
  /** Checkpoints the worker ran. */
  readonly checkpoints: number;
  /** Frames in the WAL and frames copied into the database by the last checkpoint. */
  readonly lastFrames: number;
  readonly lastCheckpointed: number;
  /** Whether checkpoints are off the writer's thread (false: SQLite's autocheckpoint again). */
  readonly background: boolean;
}

interface WorkerReply {
  readonly ready?: boolean;
  readonly frames?: number;
  readonly checkpointed?: number;
  readonly error?: string;
}

/**
 * Moves WAL checkpoints off the append path (D43). With SQLite's default, the commit that
 * crosses 1,000 WAL pages also copies them into the database file and fsyncs it, on the
 * event loop, inside that append's latency: about 5-7 ms for a burst's commit on this
 * project's machine. Here the writer's connection has autocheckpoint off, and a worker thread
 * with its own connection runs a PASSIVE checkpoint once about as much has been appended as
 * SQLite would have waited for. PASSIVE never blocks the writer (WAL: the writer only appends;
 * the WAL restarts from its beginning at the first write after a complete checkpoint).
 *
 * Should the worker fail or exit, the writer's connection gets SQLite's autocheckpoint back,
 * so the WAL never grows unchecked. Closing the store stops the worker first; SQLite then
 * checkpoints as the last connection closes, as it always did.
 */
export class SqliteCheckpointer {
  private pendingBytes = 0;
  private requested = false;
  private checkpoints = 0;
  private lastFrames = 0;
  private lastCheckpointed = 0;
  private background = true;
  private idleWaiters: (() => void)[] = [];
  private readonly exited: Promise<void>;

  private constructor(
    private readonly db: Database.Database,
    private readonly worker: Worker,
  ) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.ready !== true) this.answered(reply);
    });
    worker.on('error', () => this.fallBack());
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    void this.exited.then(() => this.fallBack());
  }

  /**
   * For a database file. Resolves once the worker's connection is open, so its start-up (tens
   * of ms of CPU) is not spent during the first appends; if it cannot start, SQLite keeps
   * checkpointing on the writer's connection (`stats.background` false).
   */
  static async start(db: Database.Database, filename: string): Promise<SqliteCheckpointer> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { filename, driver: require.resolve('better-sqlite3') },
      // Plain JavaScript: no TypeScript loader (`-r @swc-node/register`) started in it again,
      // which cost ~150 ms of CPU per worker.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 16 },
    });
    const checkpointer = new SqliteCheckpointer(db, worker);
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (reply: WorkerReply) => resolve(reply.ready === true));
      void checkpointer.exited.then(() => resolve(false));
    });
    if (ready) db.pragma('wal_autocheckpoint = 0');
    worker.unref(); // kept alive only while a checkpoint runs (see requestIfDue)
    return checkpointer;
  }

  /** After a commit: `bytes` more are in the WAL. */
  appended(bytes: number): void {
    this.pendingBytes += bytes;
    this.requestIfDue();
  }

  get stats(): CheckpointStats {
    const { checkpoints, lastFrames, lastCheckpointed, background } = this;
    return { checkpoints, lastFrames, lastCheckpointed, background };
  }

  /** Resolves once no checkpoint is requested or running (tests). */
  idle(): Promise<void> {
    if (!this.requested || !this.background) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the worker (its connection closed); the caller closes the writer's connection after. */
  async stop(): Promise<void> {
    if (this.background) {
      this.background = false; // an exit from here on is the one asked for
      this.worker.ref();
      this.worker.postMessage('close');
    }
    await this.exited;
    this.releaseIdle();
  }

  private requestIfDue(): void {
    if (this.requested || !this.background || this.pendingBytes < CHECKPOINT_AFTER_BYTES) return;
    this.requested = true;
    this.pendingBytes = 0;
    this.worker.ref(); // a checkpoint under way is finished, even if nothing else is left to do
    this.worker.postMessage('checkpoint');
  }

  private answered(reply: WorkerReply): void {
    this.requested = false;
    // While stopping, the worker stays referenced until it has exited: a reply to a checkpoint
    // asked for before stop() must not let the process end with the close still pending.
    if (this.background) this.worker.unref();
    if (reply.error === undefined) {
      this.checkpoints += 1;
      this.lastFrames = reply.frames ?? 0;
      this.lastCheckpointed = reply.checkpointed ?? 0;
    }
    // A failed checkpoint (say, SQLITE_BUSY past the timeout) is tried again after the next
    // threshold's worth of appends, as SQLite's autocheckpoint would.
    this.requestIfDue();
    if (!this.requested) this.releaseIdle();
  }

  private fallBack(): void {
    if (!this.background) return;
    this.background = false;
    this.requested = false;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    this.releaseIdle();
  }

  private releaseIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
