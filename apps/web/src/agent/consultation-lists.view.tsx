import type { Activity, ConsultationView } from './agent.types';
import { formatElapsed, useNow } from './elapsed.hook';

/** "My consultations": each one a button (keyboard-selectable) with unread and waiting time. */
export function MyConsultations(props: {
  items: readonly ConsultationView[];
  selectedId: string | undefined;
  unread: Readonly<Record<string, number>>;
  activity: Readonly<Record<string, Activity>>;
  onSelect: (id: string) => void;
}) {
  const now = useNow();
  return (
    <section class="desk-list" aria-labelledby="mine-title">
      <h2 id="mine-title">My consultations</h2>
      {props.items.length === 0 && <p class="hint">Nothing assigned to you.</p>}
      <ul aria-label="My consultations">
        {props.items.map((c) => {
          const selected = c.id === props.selectedId;
          const unread = selected ? 0 : (props.unread[c.conversationId] ?? 0);
          const waiting = props.activity[c.conversationId]?.waitingSince;
          return (
            <li key={c.id}>
              <button
                type="button"
                class={`desk-item${selected ? ' selected' : ''}`}
                aria-current={selected ? 'true' : undefined}
                data-consultation={c.id}
                onClick={() => props.onSelect(c.id)}
              >
                <span class="who">{c.customerId}</span>
                <span class="what">{c.subject ?? c.domain}</span>
                <span class={`state state-${stateOf(c)}`}>{STATE_TEXT[stateOf(c)]}</span>
                <span class="waiting">
                  {waiting !== undefined
                    ? `Waiting ${formatElapsed(waiting, now)}`
                    : `Opened ${formatElapsed(c.openedAt, now)} ago`}
                </span>
                {unread > 0 && (
                  <span class="unread" data-unread={unread}>
                    {unread} unread
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The queue: waiting consultations this agent may be routed. Routing hands them out (FIFO,
 * capacity-bound), so they are shown, not picked: going online or freeing capacity drains it.
 */
export function QueueList({ items }: { items: readonly ConsultationView[] }) {
  const now = useNow();
  return (
    <section class="desk-list" aria-labelledby="queue-title">
      <h2 id="queue-title">
        Queue <span class="count">({items.length} waiting)</span>
      </h2>
      {items.length === 0 && <p class="hint">No one is waiting.</p>}
      <ol aria-label="Waiting customers">
        {items.map((c) => (
          <li key={c.id} class="queue-item" data-consultation={c.id}>
            <span class="who">{c.customerId}</span>
            <span class="what">
              {c.subject ?? c.domain} · {c.group ?? c.domain}
            </span>
            <span class="waiting">
              #{c.queuePosition ?? '–'} · waiting {formatElapsed(c.openedAt, now)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

type DeskState = 'new' | 'active' | 'resolved' | 'other';
const STATE_TEXT: Record<DeskState, string> = {
  new: 'New: accept it',
  active: 'Active',
  resolved: 'Resolved',
  other: '',
};

export function stateOf(c: ConsultationView): DeskState {
  if (c.state === 'assigned') return c.accepted ? 'active' : 'new';
  return c.state === 'resolved' ? 'resolved' : 'other';
}
