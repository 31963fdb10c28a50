import type { RestClient, SwitchboardClient } from '@switchboard/client';
import { useState } from 'preact/hooks';
import { ChatPane } from '../shared/chat-pane.view';
import type { Activity, ConsultationView } from './agent.types';
import { stateOf } from './consultation-lists.view';
import { formatElapsed, useNow } from './elapsed.hook';
import { SuggestionsPanel } from './suggestions.view';
import { TransferForm } from './transfer.view';

/**
 * The selected consultation: its actions (accept, transfer, resolve), the chat (history,
 * typing, receipts, uploads, internal notes) and suggested replies for the customer's last
 * message. Drafts are kept per consultation, so switching back finds the text still there.
 */
export function ChatColumn(props: {
  client: SwitchboardClient;
  api: RestClient;
  me: string;
  consultation: ConsultationView;
  activity: Activity | undefined;
  onChanged: () => void;
}) {
  const { api, consultation: c } = props;
  const [drafts, setDrafts] = useState<Readonly<Record<string, string>>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const now = useNow();
  const state = stateOf(c);
  const draft = drafts[c.id] ?? '';
  const setDraft = (text: string) => setDrafts((d) => ({ ...d, [c.id]: text }));

  const act = async (action: 'accept' | 'resolve') => {
    setBusy(true);
    setError(undefined);
    try {
      await api.call('POST', `/v1/consultations/${c.id}/${action}`, {});
      props.onChanged();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  const waiting = props.activity?.waitingSince;
  return (
    <div class="chat-column" data-state={state}>
      <header class="chat-header">
        <h2>
          {c.customerId} <span class="what">· {c.subject ?? c.domain}</span>
        </h2>
        <p class="hint">
          {c.group !== null && `Group ${c.group} · `}Opened {formatElapsed(c.openedAt, now)} ago
          {waiting !== undefined && ` · customer waiting ${formatElapsed(waiting, now)}`}
        </p>
        <div class="chat-actions">
          {state === 'new' && (
            <button type="button" disabled={busy} onClick={() => void act('accept')}>
              Accept
            </button>
          )}
          {state === 'active' && (
            <button type="button" disabled={busy} onClick={() => void act('resolve')}>
              Resolve
            </button>
          )}
          {state === 'resolved' && <p class="hint">Resolved: waiting for the customer's rating.</p>}
        </div>
        {(state === 'new' || state === 'active') && (
          <details class="transfer-box" key={c.id}>
            <summary>Transfer…</summary>
            <TransferForm api={api} me={props.me} consultationId={c.id} onDone={props.onChanged} />
          </details>
        )}
        {error !== undefined && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </header>
      <ChatPane
        key={c.conversationId}
        client={props.client}
        api={api}
        me={props.me}
        conversationId={c.conversationId}
        staff
        draft={draft}
        onDraftChange={setDraft}
        readOnly={state !== 'active' && state !== 'new'}
      >
        {(state === 'active' || state === 'new') && (
          <SuggestionsPanel
            api={api}
            consultation={c}
            customerText={props.activity?.lastCustomerText}
            onPick={setDraft}
          />
        )}
      </ChatPane>
    </div>
  );
}
