import {
  type CursorStore,
  LocalStorageCursorStore,
  RestClient,
  SwitchboardClient,
} from '@switchboard/client';

export type Role = 'customer' | 'agent' | 'supervisor' | 'admin';

/** Who is signed in on this page. Kept in sessionStorage: one tab, one person. */
export interface Session {
  readonly userId: string;
  readonly role: Role;
  readonly token: string;
}

/** The app that served this page is the API too (same origin: no CORS settings needed). */
export const origin = window.location.origin;

const sessionKey = (screen: string) => `switchboard.session.${screen}`;

/** Development sign-in: `POST /v1/auth/dev-token` (the server refuses it in production). */
export async function signIn(screen: string, userId: string, role: Role): Promise<Session> {
  const token = await SwitchboardClient.devToken(origin, userId, role);
  const session = { userId, role, token };
  sessionStorage.setItem(sessionKey(screen), JSON.stringify(session));
  return session;
}

export function savedSession(screen: string): Session | undefined {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(sessionKey(screen)) ?? 'null') as unknown;
    return isSession(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function signOut(screen: string): void {
  sessionStorage.removeItem(sessionKey(screen));
}

/** The SDK's REST half, for the calls that are not chat (consultations, agents, metrics...). */
export function apiFor(session: Session): RestClient {
  return new RestClient(origin, session.token);
}

/**
 * The SDK client of this page. The device id and, with `persistCursors`, the cursors live in
 * localStorage per user, so a reload resumes where the page was: no message lost or repeated.
 */
export function clientFor(session: Session, persistCursors = true): SwitchboardClient {
  const cursorStore: CursorStore | undefined = persistCursors
    ? new LocalStorageCursorStore(`switchboard.cursors.${session.userId}`)
    : undefined;
  return new SwitchboardClient({
    url: origin,
    token: session.token,
    device: 'web',
    deviceId: stableDeviceId(session.userId),
    cursorStore,
  });
}

function stableDeviceId(userId: string): string {
  const key = `switchboard.device.${userId}`;
  const existing = localStorage.getItem(key);
  if (existing !== null) return existing;
  const created = `web-${crypto.randomUUID()}`;
  localStorage.setItem(key, created);
  return created;
}

function isSession(value: unknown): value is Session {
  const v = value as Partial<Session> | null;
  return typeof v?.userId === 'string' && typeof v.role === 'string' && typeof v.token === 'string';
}
