import { useState } from 'preact/hooks';

/** Before a consultation: an optional topic and the button that opens one. */
export function StartChat(props: { onStart: (subject: string) => Promise<void>; error?: string }) {
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await props.onStart(subject.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="start-chat" onSubmit={submit} aria-labelledby="start-chat-title">
      <h2 id="start-chat-title">How can we help?</h2>
      <p class="hint">Start a chat: an agent answers you right here.</p>
      <label>
        Topic (optional)
        <input
          name="subject"
          maxLength={200}
          value={subject}
          onInput={(e) => setSubject(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Starting…' : 'Start chat'}
      </button>
      {props.error !== undefined && (
        <p role="alert" class="error">
          {props.error}
        </p>
      )}
    </form>
  );
}
