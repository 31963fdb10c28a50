import { useState } from 'preact/hooks';
import { enableAlerts, notificationState } from './alerts';
import type { AgentModel } from './agent.hook';
import type { AgentStatus } from './agent.types';

const STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];

/**
 * Status (online / away / offline), load against capacity (capacity is set by a supervisor:
 * `PUT /v1/agents/:id/capacity` is not open to agents, so it is shown read-only), alerts.
 */
export function StatusBar({ model, onSignOut }: { model: AgentModel; onSignOut: () => void }) {
  const { agent } = model;
  const [alerts, setAlerts] = useState(notificationState());
  const choose = (status: AgentStatus) => {
    // A click is a user gesture: the one moment a browser lets a page ask for notifications.
    if (status === 'online') void enableAlerts().then(setAlerts);
    void model.setStatus(status);
  };
  return (
    <div class="status-bar">
      <fieldset class="status-choice">
        <legend>Status</legend>
        {STATUSES.map((status) => (
          <label key={status} class={`status-option status-${status}`}>
            <input
              type="radio"
              name="agent-status"
              value={status}
              checked={agent?.status === status}
              disabled={agent === undefined}
              onChange={() => choose(status)}
            />
            {status[0]!.toUpperCase() + status.slice(1)}
          </label>
        ))}
      </fieldset>
      {agent !== undefined && (
        <p class="load" role="status" aria-label="Load" title="Capacity is set by a supervisor">
          <span data-load={agent.load}>{agent.load}</span> of{' '}
          <span data-capacity={agent.capacity}>{agent.capacity}</span> consultations
        </p>
      )}
      {alerts === 'default' && (
        <button type="button" class="secondary" onClick={() => void enableAlerts().then(setAlerts)}>
          Enable desktop alerts
        </button>
      )}
      {alerts === 'denied' && <p class="hint">Desktop notifications are blocked: sound only.</p>}
      <button type="button" class="secondary" onClick={onSignOut}>
        Sign out
      </button>
      {model.error !== undefined && (
        <p role="alert" class="error">
          {model.error}
        </p>
      )}
    </div>
  );
}
