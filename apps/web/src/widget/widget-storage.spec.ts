import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWidgetStorage } from './widget-storage';

function mapStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe('openWidgetStorage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses localStorage when the browser allows it', () => {
    const local = mapStorage();
    vi.stubGlobal('window', { localStorage: local });
    const storage = openWidgetStorage();
    storage.setItem('k', 'v');
    expect(storage.persistent).toBe(true);
    expect(local.getItem('k')).toBe('v');
    expect(local.getItem('switchboard.widget.probe')).toBeNull();
  });

  it('falls back to memory when touching localStorage throws (a blocked third-party frame)', () => {
    vi.stubGlobal('window', {
      get localStorage(): never {
        throw new Error('SecurityError: Access is denied for this document.');
      },
    });
    const storage = openWidgetStorage();
    expect(storage.persistent).toBe(false);
    storage.setItem('k', 'v');
    expect(storage.getItem('k')).toBe('v');
    storage.removeItem('k');
    expect(storage.getItem('k')).toBeNull();
  });
});
