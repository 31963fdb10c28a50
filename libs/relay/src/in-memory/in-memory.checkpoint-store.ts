import {
  type CheckpointStore,
  CheckpointStoreClosedError,
  validateCheckpoint,
} from '../checkpoint-store.port';

/** Checkpoints in a Map: for tests, and for runs where nothing should survive a restart. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, number>();
  private closed = false;

  async load(name: string): Promise<number | undefined> {
    this.assertOpen();
    validateCheckpoint(name);
    return this.positions.get(name);
  }

  async save(name: string, position: number): Promise<void> {
    this.assertOpen();
    validateCheckpoint(name, position);
    if (position > (this.positions.get(name) ?? -1)) this.positions.set(name, position);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new CheckpointStoreClosedError('In-memory');
  }
}
