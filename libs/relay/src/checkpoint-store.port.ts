/**
 * The CheckpointStore port: where a checkpointed reader of the event log (the relay, later
 * projections) keeps the position of the last event it has fully handled, by name.
 *
 * Adapters: SQLite (embedded default; same file as the event store, so deleting the store
 * resets its checkpoints with it), PostgreSQL (same database and schema as the event store),
 * in-memory (tests). Every adapter passes the ONE contract suite in
 * `libs/relay/test/contract/checkpoint-store.contract.ts`.
 *
 * Positions are the event store's global positions: exclusive checkpoints to pass as
 * `subscribeToAll({ after })`.
 */
export interface CheckpointStore {
  /** The stored position for `name`, or `undefined` when nothing was ever saved under it. */
  load(name: string): Promise<number | undefined>;

  /**
   * Stores `position` for `name`, durably enough for at-least-once readers: losing a recent
   * save to a power cut only makes a reader handle a few events again.
   *
   * Monotonic: a position LOWER than (or equal to) the stored one is IGNORED, not an error. A
   * late save from a reader that has been replaced (a retry, a lost lease) therefore cannot
   * move a checkpoint backwards and flood consumers with old events.
   *
   * @throws RangeError when `name` is empty or `position` is not a safe integer >= 0.
   */
  save(name: string, position: number): Promise<void>;

  /** Releases the connection or file. Later calls reject. */
  close(): Promise<void>;
}

/** DI token for the CheckpointStore port. */
export const CHECKPOINT_STORE = Symbol('CheckpointStore');

/** Longest checkpoint name the adapters accept. */
export const MAX_CHECKPOINT_NAME_LENGTH = 200;

/** The argument checks every adapter shares, so the contract sees one behaviour. */
export function validateCheckpoint(name: string, position?: number): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_CHECKPOINT_NAME_LENGTH) {
    throw new RangeError(
      `Checkpoint name must be a string of 1..${MAX_CHECKPOINT_NAME_LENGTH} characters`,
    );
  }
  if (position !== undefined && !(Number.isSafeInteger(position) && position >= 0)) {
    throw new RangeError(
      `Checkpoint ${name}: position must be a safe integer >= 0, got ${position}`,
    );
  }
}

/** Thrown by an adapter used after `close()`. */
export class CheckpointStoreClosedError extends Error {
  constructor(adapter: string) {
    super(`${adapter} checkpoint store is closed`);
    this.name = 'CheckpointStoreClosedError';
  }
}
