import type { RestClient } from '@switchboard/client';
import { useRef, useState } from 'preact/hooks';
import { formatElapsed, formatMoment, shortId } from './format';
import { LoadError } from './load-error.view';
import { type Polled, useNow, usePolling } from './polling.hook';
import type { ConsultationPage, QueueView } from './supervisor.types';
import { ColumnHeads, EmptyRow } from './table-parts.view';

/**
 * Supervisors get no `consultation.updated` pushes (the dispatcher sends them only to the
 * customer and the agents a consultation concerns: consultation-event.planner.ts), so the
 * live view polls the read model every few seconds.
 */
export const LIVE_POLL_MS = 3000;

interface Queues {
  readonly queues: readonly QueueView[];
  /** Customer of each waiting consultation (queue entries carry only the consultation id). */
  readonly customers: ReadonlyMap<string, string>;
}

/** Every queue (or the one chosen) with its waiting customers, head first, waiting time ticking. */
export function QueuesView({ api }: { api: RestClient }) {
  const [only, setOnly] = useState('');
  const polled: Polled<Queues> = usePolling(
    async () => {
      const [queues, pending] = await Promise.all([
        only === ''
          ? api.call<QueueView[]>('GET', '/v1/queues')
          : api.call<QueueView>('GET', `/v1/queues/${encodeURIComponent(only)}`).then((q) => [q]),
        api.call<ConsultationPage>('GET', '/v1/consultations?state=pending&limit=200'),
      ]);
      return { queues, customers: new Map(pending.items.map((c) => [c.id, c.customerId])) };
    },
    LIVE_POLL_MS,
    only,
  );
  // The choices are the keys of the last unfiltered answer (a filtered one has just one).
  const keys = useRef<readonly string[]>([]);
  if (only === '' && polled.data !== undefined) keys.current = polled.data.queues.map((q) => q.key);
  const waiting = polled.data?.queues.reduce((sum, q) => sum + q.waiting.length, 0);

  return (
    <section class="panel" aria-labelledby="queues-title">
      <header class="panel-head">
        <h2 id="queues-title">Queues</h2>
        <p class="figure" aria-live="polite">
          {waiting === undefined ? 'Loading…' : `${waiting} waiting`}
        </p>
        <label class="inline">
          Queue
          <select value={only} onChange={(e) => setOnly(e.currentTarget.value)}>
            <option value="">All queues</option>
            {keys.current.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
      </header>
      <LoadError what="Queues" error={polled.error} />
      {polled.data?.queues.length === 0 && <p class="hint">No queue has been used yet.</p>}
      {polled.data?.queues.map((queue) => (
        <QueueTable key={queue.key} queue={queue} customers={polled.data!.customers} />
      ))}
    </section>
  );
}

const QUEUE_COLUMNS = [
  'Position',
  'Customer',
  'Consultation',
  'Domain',
  'Waiting since',
  'Waiting',
];

function QueueTable({
  queue,
  customers,
}: {
  queue: QueueView;
  customers: ReadonlyMap<string, string>;
}) {
  const now = useNow();
  return (
    <table class="grid">
      <caption>
        Queue {queue.key} <span class="count">({queue.waiting.length} waiting)</span>
      </caption>
      <ColumnHeads names={QUEUE_COLUMNS} />
      <tbody>
        {queue.waiting.length === 0 && <EmptyRow columns={QUEUE_COLUMNS}>Nobody waiting</EmptyRow>}
        {queue.waiting.map((entry) => (
          <tr key={entry.consultationId} data-consultation={entry.consultationId}>
            <td>{entry.position}</td>
            <th scope="row">{customers.get(entry.consultationId) ?? '(unknown)'}</th>
            <td title={entry.consultationId}>{shortId(entry.consultationId)}</td>
            <td>{entry.domain}</td>
            <td>
              <time dateTime={entry.waitingSince}>{formatMoment(entry.waitingSince)}</time>
            </td>
            <td class="num" data-waiting>
              {formatElapsed(now - Date.parse(entry.waitingSince))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
