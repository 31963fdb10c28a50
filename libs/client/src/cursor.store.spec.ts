import { describe, expect, it } from 'vitest';
import { LocalStorageCursorStore, MemoryCursorStore, type KeyValueStorage } from './cursor.store';

class FakeStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('cursor stores', () => {
  it('MemoryCursorStore keeps the last seq per conversation', () => {
    const store = new MemoryCursorStore({ a: 1 });
    store.set('b', 4);
    store.set('a', 2);
    expect(store.get()).toEqual({ a: 2, b: 4 });
  });

  it('LocalStorageCursorStore survives a new instance (a page reload)', () => {
    const storage = new FakeStorage();
    new LocalStorageCursorStore('switchboard.cursors.u1', storage).set('a', 7);
    expect(new LocalStorageCursorStore('switchboard.cursors.u1', storage).get()).toEqual({ a: 7 });
    expect(new LocalStorageCursorStore('switchboard.cursors.u2', storage).get()).toEqual({});
  });

  it('LocalStorageCursorStore ignores corrupt data instead of throwing', () => {
    const storage = new FakeStorage();
    storage.setItem('k', '{"a": -1, "b": "x", "c": 3}');
    expect(new LocalStorageCursorStore('k', storage).get()).toEqual({ c: 3 });
    storage.setItem('k2', 'not json');
    expect(new LocalStorageCursorStore('k2', storage).get()).toEqual({});
  });

  it('LocalStorageCursorStore needs a storage', () => {
    expect(() => new LocalStorageCursorStore('k')).toThrow(/no localStorage/);
  });

  it('LocalStorageCursorStore does not touch a blocked localStorage when given its own storage', () => {
    const blocked = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new Error('SecurityError: access denied for this document');
      },
    });
    try {
      const storage = new FakeStorage();
      new LocalStorageCursorStore('k', storage).set('a', 2);
      expect(storage.getItem('k')).toBe('{"a":2}');
      expect(() => new LocalStorageCursorStore('k')).toThrow(/no localStorage/);
    } finally {
      if (blocked === undefined) delete (globalThis as { localStorage?: unknown }).localStorage;
      else Object.defineProperty(globalThis, 'localStorage', blocked);
    }
  });

  it('LocalStorageCursorStore keeps cursors in memory when the storage refuses a write', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = new LocalStorageCursorStore('k', full);
    store.set('a', 5);
    expect(store.get()).toEqual({ a: 5 });
  });
});
