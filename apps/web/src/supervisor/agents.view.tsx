import type { RestClient } from '@switchboard/client';
import { formatMoment } from './format';
import { LoadError } from './load-error.view';
import { usePolling } from './polling.hook';
import { LIVE_POLL_MS } from './queues.view';
import type { AgentView } from './supervisor.types';
import { ColumnHeads, EmptyRow } from './table-parts.view';

const STATUS_ORDER = { online: 0, away: 1, offline: 2 } as const;
const COLUMNS = ['Agent', 'Status', 'Load', 'Groups', 'Status since'];

/** Each agent's status, load against capacity and groups, polled like the queues. */
export function AgentsView({ api }: { api: RestClient }) {
  const polled = usePolling(() => api.call<AgentView[]>('GET', '/v1/agents'), LIVE_POLL_MS);
  const agents = [...(polled.data ?? [])].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.agentId.localeCompare(b.agentId),
  );
  const online = agents.filter((a) => a.status === 'online');
  const load = online.reduce((sum, a) => sum + a.load, 0);
  const capacity = online.reduce((sum, a) => sum + a.capacity, 0);

  return (
    <section class="panel" aria-labelledby="agents-title">
      <header class="panel-head">
        <h2 id="agents-title">Agents</h2>
        {polled.data !== undefined && (
          <p class="figure">
            {online.length} online · load {load} / {capacity}
          </p>
        )}
        <button type="button" class="secondary" onClick={polled.refresh}>
          Refresh
        </button>
      </header>
      <LoadError what="Agents" error={polled.error} />
      <table class="grid">
        <caption class="visually-hidden">Agents: status and load</caption>
        <ColumnHeads names={COLUMNS} />
        <tbody>
          {polled.data?.length === 0 && <EmptyRow columns={COLUMNS}>No agent registered</EmptyRow>}
          {agents.map((agent) => (
            <tr key={agent.agentId} data-agent={agent.agentId}>
              <th scope="row">
                {agent.agentId}
                {agent.name !== null && <span class="hint"> {agent.name}</span>}
              </th>
              <td>
                <span class={`status status-${agent.status}`}>{agent.status}</span>
              </td>
              <td>
                <span class="load">
                  <span>
                    {agent.load} / {agent.capacity}
                  </span>
                  <meter
                    min={0}
                    max={Math.max(agent.capacity, 1)}
                    value={agent.load}
                    aria-label={`${agent.agentId} load`}
                  />
                </span>
              </td>
              <td>{agent.groups.join(', ') || '—'}</td>
              <td>
                <time dateTime={agent.statusSince}>{formatMoment(agent.statusSince)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
