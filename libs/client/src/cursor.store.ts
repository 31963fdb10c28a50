/**
 * Where the client keeps its cursors (conversationId → highest seq delivered to listeners) so
 * that a new client instance, e.g. after a page reload, resumes without repeats or losses.
 * `set` is called after the listeners saw the message, so a crash repeats at most that one.
 */
export interface CursorStore {
  get(): Readonly<Record<string, number>> | Promise<Readonly<Record<string, number>>>;
  set(conversationId: string, seq: number): void | Promise<void>;
}

/** The default: cursors live as long as the object. Share one across instances to resume. */
export class MemoryCursorStore implements CursorStore {
  private readonly cursors = new Map<string, number>();

  constructor(initial: Readonly<Record<string, number>> = {}) {
    for (const [id, seq] of Object.entries(initial)) this.cursors.set(id, seq);
  }

  get(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.cursors);
  }

  set(conversationId: string, seq: number): void {
    this.cursors.set(conversationId, seq);
  }
}

/** The part of the Web Storage API the SDK uses (browsers' `localStorage`). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Browsers: one JSON object under `key` (scope it per user, e.g. `switchboard.cursors.<userId>`,
 * so two accounts on one browser do not share cursors).
 */
export class LocalStorageCursorStore implements CursorStore {
  private readonly storage: KeyValueStorage;
  private cache: Record<string, number> | undefined;

  constructor(
    private readonly key: string,
    storage?: KeyValueStorage,
  ) {
    const chosen = storage ?? browserLocalStorage();
    if (chosen === undefined) throw new Error('LocalStorageCursorStore: no localStorage here');
    this.storage = chosen;
  }

  get(): Readonly<Record<string, number>> {
    return { ...this.read() };
  }

  set(conversationId: string, seq: number): void {
    const cursors = this.read();
    cursors[conversationId] = seq;
    try {
      this.storage.setItem(this.key, JSON.stringify(cursors));
    } catch {
      // Full or revoked storage: keep delivering from the in-memory copy; a reload resyncs more.
    }
  }

  private read(): Record<string, number> {
    if (this.cache !== undefined) return this.cache;
    this.cache = {};
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? '{}');
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [id, seq] of Object.entries(parsed)) {
          // A corrupt entry restarts that conversation from 0 rather than losing messages.
          if (Number.isInteger(seq) && (seq as number) >= 0) this.cache[id] = seq as number;
        }
      }
    } catch {
      // Unreadable JSON: resync everything; duplicates are impossible without a cursor.
    }
    return this.cache;
  }
}

/**
 * The page's localStorage, or undefined where there is none. Merely reading the property throws
 * a SecurityError where the browser blocks storage (a cross-site iframe with third-party storage
 * blocked, some private windows).
 */
function browserLocalStorage(): KeyValueStorage | undefined {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage;
  } catch {
    return undefined;
  }
}
