import type { FactStore } from './fact-store.port';

/**
 * An optional capability of a FactStore adapter: filling an EMPTY store faster, for a rebuild.
 * Between `beginBulkLoad()` and `endBulkLoad()` only `append` is meant to be called; reads may
 * be slow. `endBulkLoad()` restores everything `beginBulkLoad()` set aside. If the process dies
 * in between, opening the store again restores it.
 */
export interface BulkLoadingFactStore extends FactStore {
  beginBulkLoad(): Promise<void>;
  endBulkLoad(): Promise<void>;
}

export function supportsBulkLoad(store: FactStore): store is BulkLoadingFactStore {
  const candidate = store as Partial<BulkLoadingFactStore>;
  return (
    typeof candidate.beginBulkLoad === 'function' && typeof candidate.endBulkLoad === 'function'
  );
}
