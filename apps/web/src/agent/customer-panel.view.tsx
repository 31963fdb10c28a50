import type { RestClient } from '@switchboard/client';
import { useCallback, useEffect, useState } from 'preact/hooks';

/** The read model trails the chat: read it again now and then while the panel is open. */
const REFRESH_MS = 15_000;

interface Profile {
  readonly firstSeenAt: string | null;
  readonly domains: string[];
  readonly consultations: { total: number; open: number; closed: number };
  readonly messagesSent: number;
  readonly ratings: { count: number; average: number | null };
  readonly orders: { count: number };
}
interface TimelineEntry {
  readonly id: string;
  readonly type: string;
  readonly at: string;
  readonly consultationId: string | null;
  readonly data: Record<string, unknown>;
}
interface Satisfaction {
  readonly count: number;
  readonly average: number | null;
  readonly ratings: { consultationId: string; score: number; comment: string | null }[];
}
interface CustomerData {
  readonly profile?: Profile;
  readonly timeline: TimelineEntry[];
  readonly satisfaction?: Satisfaction;
  readonly error?: string;
}

/**
 * Who the customer is: profile figures, past consultations (the timeline's openings) and
 * ratings. The server shows these to the agent holding one of the customer's consultations;
 * the figures come from the data read model, which may trail the chat by a moment.
 */
export function CustomerPanel(props: {
  api: RestClient;
  customerId: string;
  /** The consultation on screen, marked in the list. */
  currentId: string;
}) {
  const { api, customerId } = props;
  const [data, setData] = useState<CustomerData>({ timeline: [] });
  const load = useCallback(() => {
    const base = `/v1/customers/${encodeURIComponent(customerId)}`;
    Promise.all([
      api.call<Profile>('GET', `${base}/profile`),
      api.call<{ items: TimelineEntry[] }>('GET', `${base}/timeline?limit=100`),
      api.call<Satisfaction>('GET', `${base}/satisfaction`),
    ]).then(
      ([profile, timeline, satisfaction]) =>
        setData({ profile, timeline: timeline.items, satisfaction }),
      // A failed refresh keeps what was shown; only a first failure is worth a message.
      (cause: unknown) =>
        setData((shown) =>
          shown.profile !== undefined
            ? shown
            : { timeline: [], error: cause instanceof Error ? cause.message : String(cause) },
        ),
    );
  }, [api, customerId]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const opened = data.timeline.filter((e) => e.type === 'consultation.opened').reverse();
  const { profile, satisfaction } = data;
  const scores = new Map(satisfaction?.ratings.map((r) => [r.consultationId, r.score]));
  return (
    <section class="customer-panel" aria-labelledby="customer-title">
      <h2 id="customer-title">Customer {customerId}</h2>
      <button type="button" class="secondary" onClick={load}>
        Refresh customer
      </button>
      {data.error !== undefined && <p class="error">{data.error}</p>}
      {profile !== undefined && (
        <dl class="profile" aria-label="Profile">
          <dt>Customer since</dt>
          <dd>
            {profile.firstSeenAt === null
              ? '—'
              : new Date(profile.firstSeenAt).toLocaleDateString()}
          </dd>
          <dt>Consultations</dt>
          <dd>
            {profile.consultations.total} ({profile.consultations.open} open)
          </dd>
          <dt>Messages sent</dt>
          <dd>{profile.messagesSent}</dd>
          <dt>Domains</dt>
          <dd>{profile.domains.join(', ') || '—'}</dd>
          <dt>Orders</dt>
          <dd>{profile.orders.count}</dd>
        </dl>
      )}
      <h3>Past consultations</h3>
      {opened.length === 0 ? (
        <p class="hint">None yet.</p>
      ) : (
        <ul class="past" aria-label="Past consultations">
          {opened.map((e) => (
            <li key={e.id}>
              <time>{new Date(e.at).toLocaleDateString()}</time>{' '}
              {String(e.data.subject ?? e.data.domain ?? 'consultation')}
              {e.consultationId === props.currentId && <strong> (this one)</strong>}
              {e.consultationId !== null && scores.has(e.consultationId) && (
                <span class="rated"> · rated {scores.get(e.consultationId)}/5</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Satisfaction</h3>
      {satisfaction === undefined || satisfaction.count === 0 ? (
        <p class="hint">No ratings yet.</p>
      ) : (
        <p data-average={satisfaction.average}>
          Average {satisfaction.average?.toFixed(2)} / 5 over {satisfaction.count} rating
          {satisfaction.count === 1 ? '' : 's'}
        </p>
      )}
    </section>
  );
}
