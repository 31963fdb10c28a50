/**
 * Lets requests wait for a connection: open → waiters go; closed → new waiters queue (the
 * "sends are queued while offline" guarantee); failed → everyone, present and future, rejects.
 */
export class ConnectionGate {
  private isOpen = false;
  private failure: Error | undefined;
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  wait(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.isOpen) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  open(): void {
    if (this.failure !== undefined) return;
    this.isOpen = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  close(): void {
    this.isOpen = false;
  }

  fail(error: Error): void {
    this.isOpen = false;
    this.failure ??= error;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(this.failure);
  }
}
