import type { KeyValueStorage } from '@switchboard/client';

/** What the widget keeps between page loads (customer id, open consultation, SDK cursors). */
export interface WidgetStorage extends KeyValueStorage {
  removeItem(key: string): void;
  /** False when the browser refused localStorage and the memory fallback is in use. */
  readonly persistent: boolean;
}

/**
 * localStorage when the browser allows it. A widget framed by another site is a third-party
 * document: with third-party cookies blocked (private windows, stricter browsers) merely
 * touching `localStorage` throws. The chat must still work then, so it falls back to memory;
 * only surviving a reload is lost.
 */
export function openWidgetStorage(): WidgetStorage {
  try {
    const storage = window.localStorage;
    const probe = 'switchboard.widget.probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return {
      persistent: true,
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => storage.setItem(key, value),
      removeItem: (key) => storage.removeItem(key),
    };
  } catch {
    const memory = new Map<string, string>();
    return {
      persistent: false,
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

/** One per page: the customer id, consultation and cursors share it. */
export const widgetStorage: WidgetStorage = openWidgetStorage();
