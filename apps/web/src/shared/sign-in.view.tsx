import { useState } from 'preact/hooks';
import { type Role, type Session, signIn } from './session';

/** Development sign-in (a dev token for a user id and role); production puts SSO here. */
export function SignIn({
  screen,
  roles,
  title,
  onSignedIn,
}: {
  screen: string;
  roles: readonly Role[];
  title: string;
  onSignedIn: (session: Session) => void;
}) {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>(roles[0]!);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn(screen, userId.trim(), role));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{title}</h1>
      <label>
        User id
        <input
          name="userId"
          required
          autoComplete="username"
          value={userId}
          onInput={(e) => setUserId(e.currentTarget.value)}
        />
      </label>
      {roles.length > 1 && (
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={busy || userId.trim() === ''}>
        Sign in
      </button>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <p class="hint">Development sign-in: the server issues a token for this user id.</p>
    </form>
  );
}
