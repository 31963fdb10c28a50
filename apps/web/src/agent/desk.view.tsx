import type { RestClient } from '@switchboard/client';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConnectionBanner } from '../shared/connection-banner.view';
import { apiFor, clientFor, type Session } from '../shared/session';
import { useActivity } from './activity.hook';
import { type AgentModel, useAgent } from './agent.hook';
import { ChatColumn } from './chat-column.view';
import { MyConsultations, QueueList } from './consultation-lists.view';
import { useDeskConsultations } from './consultations.hook';
import { CustomerPanel } from './customer-panel.view';
import { StatusBar } from './status-bar.view';

interface DeskProps {
  readonly session: Session;
  readonly onSignOut: () => void;
}

/** Checks that the user is a registered agent before opening the workspace. */
export function Desk({ session, onSignOut }: DeskProps) {
  const api = useMemo(() => apiFor(session), [session]);
  const agent = useAgent(api, session.userId);
  if (agent.notRegistered) return <NotRegistered userId={session.userId} onSignOut={onSignOut} />;
  if (agent.agent === undefined) {
    return (
      <main class="not-registered">
        <h1>Agent desktop</h1>
        <p aria-live="polite">Loading your agent record…</p>
      </main>
    );
  }
  return <Workspace session={session} api={api} agent={agent} onSignOut={onSignOut} />;
}

/** The agent's workspace: lists on the left, the chat in the centre, the customer on the right. */
function Workspace({
  session,
  api,
  agent,
  onSignOut,
}: DeskProps & { api: RestClient; agent: AgentModel }) {
  const client = useMemo(() => clientFor(session), [session]);
  useEffect(() => {
    client.connect().catch(() => undefined); // the banner shows a refusal
    return () => client.close();
  }, [client]);

  const desk = useDeskConsultations(client, api, session.userId);
  const { activity, unread } = useActivity(client, api, desk.mine);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = desk.mine.find((c) => c.id === selectedId);
  const changed = () => {
    desk.refresh();
    agent.refresh();
  };

  if (agent.notRegistered) {
    return (
      <main class="not-registered">
        <h1>Agent desktop</h1>
        <p role="alert">
          <strong>{session.userId}</strong> is not a registered agent. A supervisor registers agents
          (with their groups and capacity); ask one, then sign in again.
        </p>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </main>
    );
  }

  return (
    <div class="desk">
      <ConnectionBanner client={client} />
      <header class="desk-header">
        <h1>Agent desktop</h1>
        <p class="me">
          Signed in as <strong>{agent.agent?.name ?? session.userId}</strong>
        </p>
        <StatusBar model={agent} onSignOut={onSignOut} />
      </header>
      <div class="desk-body">
        <nav class="desk-lists" aria-label="Consultations">
          <MyConsultations
            items={desk.mine}
            selectedId={selectedId}
            unread={unread}
            activity={activity}
            onSelect={setSelectedId}
          />
          <QueueList items={desk.queue} />
          {desk.error !== undefined && <p class="error">{desk.error}</p>}
        </nav>
        <main class="desk-chat" aria-label="Chat">
          {selected === undefined ? (
            <p class="hint empty">Choose a consultation from “My consultations”.</p>
          ) : (
            <ChatColumn
              client={client}
              api={api}
              me={session.userId}
              consultation={selected}
              activity={activity[selected.conversationId]}
              onChanged={changed}
            />
          )}
        </main>
        <aside class="desk-customer" aria-label="Customer">
          {selected === undefined ? (
            <p class="hint">The customer's profile shows here.</p>
          ) : (
            <CustomerPanel
              key={selected.customerId}
              api={api}
              customerId={selected.customerId}
              currentId={selected.id}
            />
          )}
        </aside>
      </div>
    </div>
  );
}

function NotRegistered({ userId, onSignOut }: { userId: string; onSignOut: () => void }) {
  return (
    <main class="not-registered">
      <h1>Agent desktop</h1>
      <p role="alert">
        <strong>{userId}</strong> is not a registered agent. A supervisor registers agents (with
        their groups and capacity); ask one, then sign in again.
      </p>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </main>
  );
}
