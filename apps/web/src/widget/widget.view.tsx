import type { RestClient, SwitchboardClient } from '@switchboard/client';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ChatPane } from '../shared/chat-pane.view';
import { ConnectionBanner } from '../shared/connection-banner.view';
import { apiFor, type Session } from '../shared/session';
import { useConsultation } from './consultation.hook';
import { ConsultationStatus } from './consultation-status.view';
import { customerClient, customerSession } from './customer-session';
import { RatingForm, ThankYou } from './rating.view';
import { StartChat } from './start-chat.view';
import type { WidgetParams } from './widget-params';

/** The customer widget: signs in, then shows the consultation of this browser or offers one. */
export function Widget({ params }: { params: WidgetParams }) {
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    customerSession(params).then(setSession, (cause: unknown) =>
      setError(cause instanceof Error ? cause.message : String(cause)),
    );
  }, [params]);
  return (
    <div class="widget">
      <header class="widget-header">
        <h1>{params.title}</h1>
      </header>
      <main class="widget-main">
        {error !== undefined && (
          <p role="alert" class="error widget-note">
            Chat unavailable: {error}
          </p>
        )}
        {session === undefined && error === undefined && (
          <p role="status" class="widget-note">
            Connecting…
          </p>
        )}
        {session !== undefined && <SignedIn session={session} params={params} />}
      </main>
    </div>
  );
}

function SignedIn({ session, params }: { session: Session; params: WidgetParams }) {
  const api = useMemo(() => apiFor(session), [session]);
  const client = useMemo(() => customerClient(session), [session]);
  useEffect(() => {
    client.connect().catch(() => undefined); // the banner shows a refused session
    return () => client.close();
  }, [client]);
  return (
    <>
      <ConnectionBanner client={client} />
      <ConsultationScreen client={client} api={api} me={session.userId} params={params} />
    </>
  );
}

function ConsultationScreen(props: {
  client: SwitchboardClient;
  api: RestClient;
  me: string;
  params: WidgetParams;
}) {
  const { client, api, me } = props;
  const model = useConsultation(client, api, me, props.params);
  const c = model.consultation;
  const conversationId = c?.conversationId;

  // Keyboard users land in the composer as soon as the chat they started is there.
  useEffect(() => {
    if (!model.justOpened || conversationId === undefined) return;
    const focus = () => document.getElementById(`draft-${conversationId}`)?.focus();
    const timer = setTimeout(focus, 0);
    return () => clearTimeout(timer);
  }, [model.justOpened, conversationId]);

  if (model.loading) {
    return (
      <p role="status" class="widget-note">
        Loading your chat…
      </p>
    );
  }
  if (c === undefined) return <StartChat onStart={model.open} error={model.error} />;
  const finished = c.state === 'resolved' || c.state === 'closed';
  return (
    <section class="widget-chat" aria-label="Chat" data-consultation-id={c.id}>
      <ConsultationStatus consultation={c} />
      <ChatPane
        client={client}
        api={api}
        me={me}
        conversationId={c.conversationId}
        nameOf={(userId) => (userId === me ? 'You' : 'Agent')}
        readOnly={c.state === 'closed'}
      >
        {finished && c.rating === null && <RatingForm onRate={model.rate} />}
        {finished && c.rating !== null && (
          <ThankYou score={c.rating.score} onStartOver={model.startOver} />
        )}
        {c.state === 'closed' && c.rating === null && (
          <p class="widget-note">
            <button type="button" class="secondary" onClick={model.startOver}>
              Start a new chat
            </button>
          </p>
        )}
      </ChatPane>
    </section>
  );
}
