import type { BusinessHours, ComputeMetrics } from '../domain/metrics.types';
import type { FactStore } from '../store/fact-store.port';

/** Where the read model lives: an adapter by kind, or a factory (tests, custom adapters). */
export type FactStoreSettings =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string }
  | { readonly kind: 'memory' }
  | { readonly factory: () => FactStore | Promise<FactStore> };

export interface DataModuleOptions {
  readonly store: FactStoreSettings;
  /** An order counts as a conversion if placed within this time after the consultation opened. */
  readonly conversionWindowMs: number;
  /** Calendar of the `…Business…` figures (e.g. first response in business hours). */
  readonly businessHours?: BusinessHours;
  /**
   * Run the projector (consumer group `data` on the public topics) in this process. Off in a
   * process that only serves the read model another process fills.
   */
  readonly projector: boolean;
  /** `POST /v1/integrations/orders` (needs EVENT_STORE and `RelayModule.forRootAsync()`). Default true. */
  readonly orders?: boolean;
  /**
   * Whether bus offsets survive a restart, so the projector may skip by stored position.
   * Default: true unless the app's BUS is `memory` (its offsets start at 0 in every process).
   */
  readonly durableOffsets?: boolean;
  /** How long a Prometheus scrape's figures are reused. Default 5000 ms. */
  readonly scrapeCacheMs?: number;
  /** Default: `computeMetrics` of the domain. Tests may pass another. */
  readonly computeMetrics?: ComputeMetrics;
}

/** DI token of the resolved options. */
export const DATA_OPTIONS = Symbol('DataOptions');
/** DI token of the metrics function (`computeMetrics` unless the options give one). */
export const COMPUTE_METRICS = Symbol('ComputeMetrics');

export const DEFAULT_SCRAPE_CACHE_MS = 5_000;

/** Opens the configured adapter; `pg` loads only for PostgreSQL. */
export async function openFactStore(settings: FactStoreSettings): Promise<FactStore> {
  if ('factory' in settings) return settings.factory();
  switch (settings.kind) {
    case 'sqlite': {
      const { SqliteFactStore } = await import('../store/sqlite.fact-store');
      return SqliteFactStore.open({ filename: settings.filename });
    }
    case 'postgres': {
      const { PostgresFactStore } = await import('../store/postgres.fact-store');
      return PostgresFactStore.open({
        connectionString: settings.url,
        ...(settings.schema === undefined ? {} : { schema: settings.schema }),
      });
    }
    case 'memory': {
      const { InMemoryFactStore } = await import('../store/in-memory.fact-store');
      return new InMemoryFactStore();
    }
  }
}

/** For the start-up log: never the connection string (it may hold a password). */
export function describeFactStore(settings: FactStoreSettings): string {
  if ('factory' in settings) return 'custom';
  switch (settings.kind) {
    case 'sqlite':
      return `SQLite ${settings.filename}`;
    case 'postgres':
      return `PostgreSQL, schema ${settings.schema ?? 'data'}`;
    case 'memory':
      return 'in memory (lost on restart)';
  }
}
