import type { PartitionPosition } from '../store/fact-store.port';

/**
 * The last applied offset per (topic, partition), in memory: loaded from the store at start,
 * advanced after each successful append. Offsets compare as integers.
 */
export class PartitionPositions {
  private readonly offsets = new Map<string, bigint>();

  static key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  load(positions: readonly PartitionPosition[]): void {
    this.offsets.clear();
    for (const position of positions) this.advance(position);
  }

  /** Whether the message at this offset was applied already. */
  applied(topic: string, partition: number, offset: string): boolean {
    const stored = this.offsets.get(PartitionPositions.key(topic, partition));
    return stored !== undefined && BigInt(offset) <= stored;
  }

  advance(position: PartitionPosition): void {
    const key = PartitionPositions.key(position.topic, position.partition);
    const offset = BigInt(position.offset);
    const stored = this.offsets.get(key);
    if (stored === undefined || offset > stored) this.offsets.set(key, offset);
  }

  clear(): void {
    this.offsets.clear();
  }
}
