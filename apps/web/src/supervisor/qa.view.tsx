import type { RestClient } from '@switchboard/client';
import { useState } from 'preact/hooks';
import { formatMoment, shortId } from './format';
import { InspectionView } from './inspection.view';
import { LoadError } from './load-error.view';
import { usePolling } from './polling.hook';
import { ScorecardForm } from './scorecard-form.view';
import type { ConsultationPage, ConsultationView, Inspection } from './supervisor.types';

/** New closes and newly recorded automatic checks show up without a reload. */
const QA_POLL_MS = 5000;

/** QA: closed consultations (newest first); the one opened shows its checks and scorecards. */
export function QaView({ api }: { api: RestClient }) {
  const [older, setOlder] = useState<ConsultationPage>();
  const [selected, setSelected] = useState<ConsultationView>();
  const latest = usePolling(
    () => api.call<ConsultationPage>('GET', '/v1/consultations?state=closed&limit=25'),
    QA_POLL_MS,
  );
  const seen = new Set<string>();
  const items = [...(latest.data?.items ?? []), ...(older?.items ?? [])].filter(
    (c) => !seen.has(c.id) && seen.add(c.id),
  );
  const cursor = older === undefined ? latest.data?.nextCursor : older.nextCursor;
  const loadOlder = async () => {
    const page = await api.call<ConsultationPage>(
      'GET',
      `/v1/consultations?state=closed&limit=25&cursor=${cursor}`,
    );
    setOlder({ items: [...(older?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  };

  return (
    <section class="panel qa" aria-labelledby="qa-title">
      <header class="panel-head">
        <h2 id="qa-title">Quality inspection</h2>
      </header>
      <LoadError what="Closed consultations" error={latest.error} />
      <div class="qa-layout">
        <nav aria-label="Closed consultations" class="closed-list">
          <h3>Closed consultations</h3>
          {latest.data?.items.length === 0 && <p class="hint">None closed yet.</p>}
          <ul>
            {items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  class={selected?.id === c.id ? 'pick current' : 'pick'}
                  aria-current={selected?.id === c.id ? 'true' : undefined}
                  data-consultation={c.id}
                  onClick={() => setSelected(c)}
                >
                  <span>
                    <strong>{c.customerId}</strong> · {c.domain}
                  </span>
                  <span class="hint">
                    {shortId(c.id)} · closed {formatMoment(c.closedAt)}
                    {c.rating !== null && ` · rated ${c.rating.score}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {typeof cursor === 'string' && (
            <button type="button" class="secondary small" onClick={loadOlder}>
              Load older
            </button>
          )}
        </nav>
        {selected === undefined ? (
          <p class="hint">Open a closed consultation to inspect it.</p>
        ) : (
          <ConsultationInspection key={selected.id} api={api} consultation={selected} />
        )}
      </div>
    </section>
  );
}

function ConsultationInspection({
  api,
  consultation,
}: {
  api: RestClient;
  consultation: ConsultationView;
}) {
  const [applied, setApplied] = useState<Inspection>();
  const polled = usePolling(
    () => api.call<Inspection>('GET', `/v1/qa/inspections/${consultation.id}`),
    QA_POLL_MS,
  );
  // The POST answers the stored inspection: show it at once rather than at the next poll.
  const inspection =
    applied !== undefined &&
    (polled.data === undefined || polled.data.scorecards.length < applied.scorecards.length)
      ? { ...applied, automaticChecks: polled.data?.automaticChecks ?? applied.automaticChecks }
      : polled.data;
  return (
    <article class="inspection" aria-labelledby="inspection-title">
      <h3 id="inspection-title">Consultation {shortId(consultation.id)}</h3>
      <dl class="facts">
        <dt>Customer</dt>
        <dd>{consultation.customerId}</dd>
        <dt>Domain / group</dt>
        <dd>
          {consultation.domain} / {consultation.group ?? '—'}
        </dd>
        <dt>Opened</dt>
        <dd>{formatMoment(consultation.openedAt)}</dd>
        <dt>Closed</dt>
        <dd>
          {formatMoment(consultation.closedAt)} by {consultation.closedBy ?? '—'}
        </dd>
        <dt>Rating</dt>
        <dd>{consultation.rating === null ? 'Not rated' : `${consultation.rating.score} / 5`}</dd>
      </dl>
      {polled.error !== undefined && (
        <p role="alert" class="error">
          {polled.error}
        </p>
      )}
      <InspectionView inspection={inspection} />
      <ScorecardForm api={api} consultationId={consultation.id} onApplied={setApplied} />
    </article>
  );
}
