/** Which users the scripted servers treat as cut off from the network, and since when. */
export class Offline {
  private readonly gates = new Map<string, { promise: Promise<void>; release: () => void }>();

  set(userId: string): void {
    if (this.gates.has(userId)) return;
    let release = (): void => undefined;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.gates.set(userId, { promise, release });
  }

  clear(userId: string): void {
    this.gates.get(userId)?.release();
    this.gates.delete(userId);
  }

  is(userId: string): boolean {
    return this.gates.has(userId);
  }

  /** Resolves when the user is online (at once if they are). */
  until(userId: string): Promise<void> {
    return this.gates.get(userId)?.promise ?? Promise.resolve();
  }
}
