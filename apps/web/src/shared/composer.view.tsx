import { randomUuid, type SwitchboardClient } from '@switchboard/client';
import { useRef, useState } from 'preact/hooks';

const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 3_000;

interface Pending {
  readonly clientMsgId: string;
  readonly label: string;
  readonly failed?: string;
}

/**
 * Text, file and (staff) internal-note sending. Sends go through the SDK, which retries with
 * the same clientMsgId until acked (also across a dropped connection); a send shows as
 * "Sending…" until then and disappears when the stored message arrives in the list.
 */
export function Composer(props: {
  client: SwitchboardClient;
  conversationId: string;
  staff: boolean;
  draft?: string;
  onDraftChange?: (text: string) => void;
}) {
  const { client, conversationId } = props;
  const [ownDraft, setOwnDraft] = useState('');
  const [internal, setInternal] = useState(false);
  const [pending, setPending] = useState<readonly Pending[]>([]);
  const typingSince = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const draft = props.draft ?? ownDraft;
  const setDraft = props.onDraftChange ?? setOwnDraft;

  const typing = (on: boolean) => {
    clearTimeout(idle.current);
    if (on) {
      idle.current = setTimeout(() => typing(false), TYPING_IDLE_MS);
      if (Date.now() - typingSince.current < TYPING_REPEAT_MS) return;
      typingSince.current = Date.now();
    } else {
      if (typingSince.current === 0) return;
      typingSince.current = 0;
    }
    client.typing(conversationId, on).catch(() => undefined);
  };

  const track = async (label: string, send: (clientMsgId: string) => Promise<unknown>) => {
    const clientMsgId = randomUuid();
    setPending((p) => [...p, { clientMsgId, label }]);
    try {
      await send(clientMsgId);
      setPending((p) => p.filter((x) => x.clientMsgId !== clientMsgId));
    } catch (cause) {
      const failed = cause instanceof Error ? cause.message : String(cause);
      setPending((p) => p.map((x) => (x.clientMsgId === clientMsgId ? { ...x, failed } : x)));
    }
  };

  const sendText = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    setDraft('');
    typing(false);
    const note = props.staff && internal;
    void track(text, (clientMsgId) =>
      client.send({ conversationId, clientMsgId, type: 'text', text, internal: note }),
    );
  };

  const sendFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    const type = file.type.startsWith('image/') ? 'image' : 'file';
    void track(file.name, async (clientMsgId) => {
      const upload = await client.upload(file, file.name);
      return client.send({ conversationId, clientMsgId, type, attachmentId: upload.id });
    });
  };

  return (
    <form class="composer" onSubmit={sendText}>
      {pending.length > 0 && (
        <ul class="pending" aria-label="Messages being sent">
          {pending.map((p) => (
            <li key={p.clientMsgId} class={p.failed === undefined ? 'sending' : 'failed'}>
              {p.label} — {p.failed === undefined ? 'Sending…' : `Not sent: ${p.failed}`}
            </li>
          ))}
        </ul>
      )}
      <label class="visually-hidden" for={`draft-${conversationId}`}>
        Message
      </label>
      <textarea
        id={`draft-${conversationId}`}
        rows={2}
        placeholder="Write a message"
        value={draft}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          typing(e.currentTarget.value !== '');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) sendText(e);
        }}
      />
      {props.staff && (
        <label class="internal-switch">
          <input
            type="checkbox"
            checked={internal}
            onChange={(e) => setInternal(e.currentTarget.checked)}
          />
          Internal note
        </label>
      )}
      <label class="file-button">
        Attach file
        <input
          type="file"
          accept="image/*,application/pdf,text/plain"
          onChange={(e) => sendFile(e.currentTarget)}
        />
      </label>
      <button type="submit">Send</button>
    </form>
  );
}
