import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Polled<T> {
  readonly data: T | undefined;
  /** The last failure's message; cleared by the next success. Old data stays on screen. */
  readonly error: string | undefined;
  readonly updatedAt: Date | undefined;
  refresh(): void;
}

/**
 * Loads now, then every `intervalMs` (never two loads at once) until unmounted or `key`
 * changes. A load that finishes after a newer one started is dropped.
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number, key = ''): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const generation = useRef(0);
  const busy = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const mine = generation.current;
    try {
      const value = await loadRef.current();
      if (mine !== generation.current) return;
      setData(value);
      setError(undefined);
      setUpdatedAt(new Date());
    } catch (cause) {
      if (mine === generation.current) setError(messageOf(cause));
    } finally {
      busy.current = false;
    }
  }, []);

  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    setData(undefined);
    void run();
    const timer = setInterval(() => void run(), intervalMs);
    return () => clearInterval(timer);
  }, [key, intervalMs, run]);

  return { data, error, updatedAt, refresh: () => void run() };
}

/** A ticking clock for waiting times: re-renders the caller every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
