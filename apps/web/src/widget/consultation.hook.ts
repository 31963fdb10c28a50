import {
  type ConsultationUpdate,
  type RestClient,
  SwitchboardError,
  type SwitchboardClient,
} from '@switchboard/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { applyUpdate, fromView, type RestConsultation } from './consultation.updates';
import type { WidgetConsultation } from './consultation.types';
import { SavedConsultation } from './saved-consultation.store';
import type { WidgetParams } from './widget-params';

export interface ConsultationModel {
  /** Looking for the consultation this browser had open. */
  readonly loading: boolean;
  /** Undefined: none open (the widget offers to start one). */
  readonly consultation: WidgetConsultation | undefined;
  /** Opened on this page load (not found again after a reload). */
  readonly justOpened: boolean;
  readonly error: string | undefined;
  open(subject?: string): Promise<void>;
  rate(score: number, comment: string): Promise<void>;
  /** Leaves a finished consultation behind; the next `open` starts a new one. */
  startOver(): void;
}

/**
 * The customer's consultation: found again after a reload (localStorage, else the newest
 * unfinished one of this customer for the domain), then kept current by the SDK's
 * `consultation` pushes (state, queue position) and re-read after every (re)connect, since
 * pushes sent while the page was away are not replayed.
 */
export function useConsultation(
  client: SwitchboardClient,
  api: RestClient,
  customerId: string,
  params: Pick<WidgetParams, 'domain' | 'group'>,
): ConsultationModel {
  const { domain, group } = params;
  const saved = useMemo(
    () => new SavedConsultation(customerId, { domain, group }),
    [customerId, domain, group],
  );
  const [consultation, setConsultation] = useState<WidgetConsultation>();
  const [loading, setLoading] = useState(true);
  const [justOpened, setJustOpened] = useState(false);
  const [error, setError] = useState<string>();
  /** Recent pushes per consultation id, also those that beat the open's ack. */
  const pushes = useRef(new Map<string, ConsultationUpdate[]>());
  /** Pushes received so far (any consultation): tells a REST answer it may be stale. */
  const pushCount = useRef(0);
  const current = useRef<string | undefined>(undefined);
  current.current = consultation?.id;
  /** Left behind with "Start a new chat": a late answer about it must not bring it back. */
  const leftBehind = useRef(new Set<string>());

  const refresh = useCallback(
    async (id: string) => {
      const before = pushCount.current;
      const view = await api.call<RestConsultation>('GET', `/v1/consultations/${id}`);
      const fresh = fromView(view);
      setConsultation((c) => {
        if ((c !== undefined && c.id !== id) || leftBehind.current.has(id)) return c;
        // A push that arrived while the read model answered is newer than the answer.
        const pushedSince = pushCount.current > before;
        return pushedSince && c !== undefined ? { ...c, rating: fresh.rating } : fresh;
      });
    },
    [api],
  );

  useEffect(() => {
    const offPush = client.on('consultation', (update) => {
      pushCount.current += 1;
      const list = pushes.current.get(update.id) ?? [];
      pushes.current.set(update.id, [...list.slice(-20), update]);
      setConsultation((c) => (c?.id === update.id ? applyUpdate(c, update) : c));
    });
    const offConnection = client.on('connection', (state) => {
      const id = current.current;
      if (state === 'connected' && id !== undefined) refresh(id).catch(() => undefined);
    });
    return () => {
      offPush();
      offConnection();
    };
  }, [client, refresh]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    void (async () => {
      try {
        const id = saved.get() ?? (await newestUnfinished(api, domain, group));
        if (id === undefined || !live) return;
        await soonFound(() => refresh(id));
        saved.set(id);
      } catch (cause) {
        // Another server's id, or no longer this customer's: start afresh.
        if (cause instanceof SwitchboardError && [403, 404].includes(cause.status ?? 0)) {
          saved.forget();
        } else if (live) setError(messageOf(cause));
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [api, saved, domain, group, refresh]);

  const open = useCallback(
    async (subject?: string) => {
      setError(undefined);
      try {
        const opened = await client.openConsultation({
          domain,
          ...(group === undefined ? {} : { group }),
          ...(subject === undefined || subject === '' ? {} : { subject }),
        });
        saved.set(opened.id);
        const early = pushes.current.get(opened.id) ?? [];
        setConsultation(early.reduce(applyUpdate, fromView({ ...opened, agentId: null })));
        setJustOpened(true);
        // The queue position, if the push carrying it came before we knew the id.
        soonFound(() => refresh(opened.id)).catch(() => undefined);
      } catch (cause) {
        setError(messageOf(cause));
      }
    },
    [client, domain, group, saved, refresh],
  );

  const rate = useCallback(
    async (score: number, comment: string) => {
      const id = current.current;
      if (id === undefined) return;
      const text = comment.trim();
      await client.rate(id, score, text === '' ? undefined : text);
      setConsultation((c) => c && { ...c, rating: { score, comment: text === '' ? null : text } });
    },
    [client],
  );

  const startOver = useCallback(() => {
    if (current.current !== undefined) leftBehind.current.add(current.current);
    saved.forget();
    setConsultation(undefined);
    setJustOpened(false);
  }, [saved]);

  return { loading, consultation, justOpened, error, open, rate, startOver };
}

async function newestUnfinished(
  api: RestClient,
  domain: string,
  group: string | undefined,
): Promise<string | undefined> {
  const query = new URLSearchParams({ domain, limit: '10' });
  if (group !== undefined) query.set('group', group);
  const page = await api.call<{ items: RestConsultation[] }>('GET', `/v1/consultations?${query}`);
  const unfinished = (c: RestConsultation) =>
    c.state === 'pending' || c.state === 'assigned' || (c.state === 'resolved' && !c.rating);
  return page.items.find(unfinished)?.id;
}

/**
 * The consultations read model follows the log, so one opened a moment ago (a reload right
 * after "Start chat") may answer 404 for a few milliseconds.
 */
async function soonFound<T>(read: () => Promise<T>, attempts = 5, delayMs = 200): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (cause) {
      const notYet = cause instanceof SwitchboardError && cause.status === 404;
      if (!notYet || attempt >= attempts) throw cause;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
