import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { eventJson, validateAppend } from '../append-checks';
import { CatchUpSubscriptions } from '../catch-up.subscription';
import { EventStoreClosedError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventHandler,
  EventStore,
  MultiStreamAppender,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { type AppendRequest } from './sqlite.append-request';
import { type CheckpointStats, SqliteCheckpointer } from './sqlite.checkpointer';
import { bytesOf, SqliteGroupCommit, type GroupCommitStats } from './sqlite.group-commit';
import { SqliteEventReader } from './sqlite.reader';
import { configureConnection, ensureSchema } from './sqlite.schema';

export interface SqliteEventStoreOptions {
  /** Database file (its directory is created), or `:memory:` for tests. */
  readonly filename: string;
  /**
   * Subscriptions re-read at least this often (ms), to see appends made by ANOTHER process on
   * the same file; appends through this store wake them at once. Default 1000; 0 disables.
   */
  readonly pollIntervalMs?: number;
  /**
   * WAL checkpoints in a worker thread, off the append path (D43). Default true for a file;
   * false leaves them to SQLite's autocheckpoint on the writer's connection.
   */
  readonly backgroundCheckpoints?: boolean;
}

const DEFAULT_POLL_INTERVAL_MS = 1000;

/**
 * The embedded EventStore: one SQLite file (WAL, synchronous=FULL) with group commit.
 * better-sqlite3 is synchronous, so reads run on the event loop; they are short indexed queries,
 * and subscriptions read in pages that yield between them.
 */
export class SqliteEventStore implements EventStore, MultiStreamAppender {
  private closed = false;
  private readonly reader: SqliteEventReader;
  private readonly writer: SqliteGroupCommit;
  private readonly subscriptions: CatchUpSubscriptions;
  private readonly pingStatement: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    pollIntervalMs: number,
    private readonly checkpointer: SqliteCheckpointer | undefined,
  ) {
    this.reader = new SqliteEventReader(db);
    this.subscriptions = new CatchUpSubscriptions({ pollIntervalMs });
    this.writer = new SqliteGroupCommit(db, (batch) => {
      // Counted only for a checkpointer: the in-memory store has no WAL to fold.
      this.checkpointer?.appended(bytesOf(batch));
      this.subscriptions.notify();
    });
    this.pingStatement = db.prepare('SELECT 1').pluck(true);
  }

  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const inMemory = options.filename === ':memory:' || options.filename === '';
    if (!inMemory) mkdirSync(dirname(resolve(options.filename)), { recursive: true });
    const db = new Database(options.filename);
    let checkpointer: SqliteCheckpointer | undefined;
    try {
      configureConnection(db);
      ensureSchema(db);
      if (!inMemory && options.backgroundCheckpoints !== false) {
        checkpointer = await SqliteCheckpointer.start(db, resolve(options.filename));
      }
    } catch (error) {
      db.close();
      throw error;
    }
    const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    return new SqliteEventStore(db, pollIntervalMs, checkpointer);
  }

  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    // Not `async`: one promise per append instead of two matters at 100k appends/s.
    try {
      this.assertOpen();
      const { expected, ids, rows } = this.request(streamId, events, options);
      return new Promise<AppendResult>((resolve, reject) => {
        this.writer.enqueue({ streamId, expected, ids, rows, resolve, reject });
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** All or nothing, in the next group commit's transaction (see `MultiStreamAppender`). */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    try {
      this.assertOpen();
      if (appends.length === 0) return Promise.resolve([]);
      const atomic = appends.map((a) => this.request(a.streamId, a.events, a.options));
      return new Promise<AppendResult[]>((resolve, reject) => {
        this.writer.enqueue({ atomic, resolve, reject });
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Validated and serialized here, so data without a JSON form fails its append alone. */
  private request(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions | undefined,
  ): AppendRequest {
    const expected = validateAppend(streamId, events, options);
    // Events of one command usually share their metadata object: serialised once for them.
    let metadata: unknown;
    let metadataJson = '{}';
    const rows = events.map((event) => {
      const id = event.id.toLowerCase(); // like EventStoreDB, which hands ids back lowercase
      if (event.metadata !== metadata) {
        metadata = event.metadata;
        metadataJson =
          metadata === undefined ? '{}' : eventJson(metadata, streamId, id, 'metadata');
      }
      const data = eventJson(event.data, streamId, id, 'data');
      return [id, event.type, data, metadataJson] as const;
    });
    return { streamId, expected, ids: rows.map((row) => row[0]), rows };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readStream(streamId, options);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readAll(options);
  }

  subscribeToAll(options: SubscribeToAllOptions, handler: EventHandler): Subscription {
    return this.subscriptions.start(
      async (after, maxCount, filter) => {
        this.assertOpen();
        return this.reader.readPage(after, maxCount, filter);
      },
      handler,
      options,
    );
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.pingStatement.get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.writer.drain();
    await this.subscriptions.stopAll();
    await this.checkpointer?.stop();
    this.db.close();
  }

  /** Group-commit counters, for tests and the benchmark. */
  get stats(): GroupCommitStats {
    return this.writer.stats;
  }

  /** The background checkpointer's counters (undefined in memory or when turned off). */
  get checkpointStats(): CheckpointStats | undefined {
    return this.checkpointer?.stats;
  }

  /** Resolves once no background checkpoint is requested or running (tests). */
  checkpointsIdle(): Promise<void> {
    return this.checkpointer?.idle() ?? Promise.resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
