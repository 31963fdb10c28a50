import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiFor, savedSession, type Session, signOut } from '../shared/session';
import { SignIn } from '../shared/sign-in.view';
import { AgentsView } from './agents.view';
import { MetricsView } from './metrics.view';
import { QaView } from './qa.view';
import { QueuesView } from './queues.view';

export const SCREEN = 'supervisor';

const TABS = [
  { id: 'overview', label: 'Live overview' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'qa', label: 'Quality' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The part of the view named by the URL's hash, so each has an address and Back works. */
function useTab(): TabId {
  const read = (): TabId => TABS.find((t) => `#${t.id}` === window.location.hash)?.id ?? TABS[0].id;
  const [tab, setTab] = useState<TabId>(read);
  useEffect(() => {
    const onHash = () => setTab(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return tab;
}

/** Supervisor view: live queues and agents, metrics over a range, QA of closed consultations. */
export function SupervisorApp() {
  const [session, setSession] = useState<Session | undefined>(() => savedSession(SCREEN));
  const api = useMemo(() => (session === undefined ? undefined : apiFor(session)), [session]);
  const tab = useTab();
  if (session === undefined || api === undefined) {
    return (
      <main>
        <SignIn
          screen={SCREEN}
          roles={['supervisor', 'admin']}
          title="Supervisor sign-in"
          onSignedIn={setSession}
        />
      </main>
    );
  }
  return (
    <div class="supervisor">
      <header class="topbar">
        <h1>Supervisor</h1>
        <nav aria-label="Supervisor sections">
          {TABS.map((t) => (
            <a key={t.id} href={`#${t.id}`} aria-current={tab === t.id ? 'page' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
        <p class="who">
          {session.userId} ({session.role}){' '}
          <button
            type="button"
            class="secondary small"
            onClick={() => {
              signOut(SCREEN);
              setSession(undefined);
            }}
          >
            Sign out
          </button>
        </p>
      </header>
      <main class={`content content-${tab}`}>
        {tab === 'overview' && (
          <>
            <QueuesView api={api} />
            <AgentsView api={api} />
          </>
        )}
        {tab === 'metrics' && <MetricsView api={api} />}
        {tab === 'qa' && <QaView api={api} />}
      </main>
    </div>
  );
}
