interface Waiter {
  readonly keys: readonly string[];
  readonly wake: () => void;
}

/**
 * Parked long-polls: key (a conversation id) → the set of waiters on it. A waiter costs one
 * entry per key and one timer; nothing polls. `notify(key)` wakes every waiter of that key at
 * once; each waiter is removed from every set it sits in when it wakes or times out.
 */
export class MessageWaiters {
  private readonly byKey = new Map<string, Set<Waiter>>();

  /** Resolves true when one of `keys` is notified, false when `ms` pass first. */
  wait(keys: readonly string[], ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        for (const key of keys) {
          const set = this.byKey.get(key);
          set?.delete(waiter);
          if (set?.size === 0) this.byKey.delete(key);
        }
        resolve(woken);
      };
      const waiter: Waiter = { keys, wake: () => finish(true) };
      for (const key of keys) {
        const set = this.byKey.get(key) ?? new Set<Waiter>();
        set.add(waiter);
        this.byKey.set(key, set);
      }
      const timer = setTimeout(() => finish(false), ms);
    });
  }

  notify(key: string): void {
    const set = this.byKey.get(key);
    if (set === undefined) return;
    for (const waiter of [...set]) waiter.wake();
  }

  /** Wakes everyone (shutdown): they answer with what there is. */
  wakeAll(): void {
    for (const key of [...this.byKey.keys()]) this.notify(key);
  }

  /** Waiters parked on `key` (tests, metrics). */
  count(key?: string): number {
    if (key !== undefined) return this.byKey.get(key)?.size ?? 0;
    const all = new Set<Waiter>();
    for (const set of this.byKey.values()) for (const w of set) all.add(w);
    return all.size;
  }
}
