import { useState } from 'preact/hooks';
import { savedSession, type Session, signOut } from '../shared/session';
import { SignIn } from '../shared/sign-in.view';
import { Desk } from './desk.view';

const SCREEN = 'agent';

/** Sign-in (dev token, role agent), then the desk; the session lives in this tab only. */
export function AgentApp() {
  const [session, setSession] = useState<Session | undefined>(() => savedSession(SCREEN));
  if (session === undefined) {
    return (
      <main>
        <SignIn screen={SCREEN} roles={['agent']} title="Agent desktop" onSignedIn={setSession} />
      </main>
    );
  }
  return (
    <Desk
      key={session.userId}
      session={session}
      onSignOut={() => {
        signOut(SCREEN);
        setSession(undefined);
      }}
    />
  );
}
