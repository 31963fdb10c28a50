import { type RestClient, type SwitchboardClient, SwitchboardError } from '@switchboard/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { alertAgent } from './alerts';
import type { ConsultationPage, ConsultationView } from './agent.types';

/** The queue has no push to agents (routing pushes only to the parties): poll it. */
const REFRESH_MS = 5_000;
/** The list is a read model that follows the log: read again shortly after a push. */
const AFTER_PUSH_MS = 250;

export interface DeskConsultations {
  /** Assigned to me (accepted or not) and resolved by me, not closed; newest first. */
  readonly mine: readonly ConsultationView[];
  /** Waiting consultations I may be routed (my groups, and group-less ones), head first. */
  readonly queue: readonly ConsultationView[];
  readonly error: string | undefined;
  refresh(): void;
}

/**
 * My consultations and my queue, refreshed on every `consultation` push and periodically.
 * A consultation newly assigned to me or newly waiting in my queue raises an alert (not the
 * ones already there when the desk opened).
 */
export function useDeskConsultations(
  client: SwitchboardClient,
  api: RestClient,
  me: string,
): DeskConsultations {
  const [mine, setMine] = useState<readonly ConsultationView[]>([]);
  const [queue, setQueue] = useState<readonly ConsultationView[]>([]);
  const [error, setError] = useState<string>();
  const known = useRef<Set<string> | undefined>(undefined);

  const announce = useCallback((assigned: ConsultationView[], waiting: ConsultationView[]) => {
    const first = known.current === undefined;
    const seen = (known.current ??= new Set());
    for (const c of assigned.filter((c) => c.state === 'assigned' && !c.accepted)) {
      const key = `assigned:${c.id}`;
      if (!first && !seen.has(key)) {
        alertAgent('New consultation assigned', `${c.customerId}: ${c.subject ?? c.domain}`);
      }
      seen.add(key);
    }
    for (const c of waiting) {
      const key = `queued:${c.id}`;
      if (!first && !seen.has(key)) {
        alertAgent('New consultation waiting', `${c.customerId} in ${c.group ?? c.domain}`);
      }
      seen.add(key);
    }
  }, []);

  const refresh = useCallback(() => {
    const query = (q: string) => api.call<ConsultationPage>('GET', `/v1/consultations?${q}`);
    Promise.all([query(`agentId=${encodeURIComponent(me)}&limit=100`), query('state=pending')])
      .then(([held, pending]) => {
        const waiting = pending.items.sort(
          (a, b) => (a.queuePosition ?? 1e9) - (b.queuePosition ?? 1e9),
        );
        announce(held.items, waiting);
        setMine(held.items);
        setQueue(waiting);
        setError(undefined);
      })
      .catch((cause: unknown) => {
        // A network blip keeps the last lists (the banner tells, the next poll retries).
        if (cause instanceof SwitchboardError && cause.retryable) return;
        setError(cause instanceof Error ? cause.message : String(cause));
      });
  }, [api, me, announce]);

  useEffect(() => {
    refresh();
    const timers: ReturnType<typeof setTimeout>[] = [];
    const off = client.on('consultation', () => {
      timers.push(setTimeout(refresh, AFTER_PUSH_MS));
    });
    // After a reconnect whatever was pushed meanwhile is lost: read the lists again.
    const offConnection = client.on('connection', (state) => state === 'connected' && refresh());
    // Offline, a poll can only fail (the banner already says so); the reconnect reads again.
    const poll = setInterval(
      () => client.connectionState() === 'connected' && refresh(),
      REFRESH_MS,
    );
    return () => {
      off();
      offConnection();
      clearInterval(poll);
      timers.forEach(clearTimeout);
    };
  }, [client, refresh]);

  return { mine, queue, error, refresh };
}
