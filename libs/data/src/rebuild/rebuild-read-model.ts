import { type BusLogger, consoleBusLogger } from '@switchboard/bus';
import type { ContractRegistry } from '@switchboard/contracts';
import { performance } from 'node:perf_hooks';
import { DataProjector } from '../projection/data.projector';
import { supportsBulkLoad } from '../store/fact-store.bulk';
import type { FactStore } from '../store/fact-store.port';
import type { RebuildSource } from './rebuild.source';

export interface RebuildProgress {
  /** Messages read from the source. */
  readonly messages: number;
  readonly facts: number;
  readonly deadLettered: number;
  /** 0..1 when the source knows its size. */
  readonly fraction?: number;
  readonly elapsedMs: number;
  /** Messages per second since the start. */
  readonly rate: number;
}

export interface RebuildSummary extends RebuildProgress {
  /** Facts in the store at the end. */
  readonly storedFacts: number;
}

export interface RebuildOptions {
  readonly store: FactStore;
  readonly source: RebuildSource;
  /** Called after every batch. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  readonly contracts?: ContractRegistry;
  readonly logger?: BusLogger;
}

/**
 * Drops the read model (facts and positions) and replays the source from the start through the
 * projector's batch path. A message that cannot be projected is logged and counted, not
 * dead-lettered again (it was parked when the live projector first met it). Stop the live
 * projector first: it keeps its positions in memory and would not see the reset.
 */
export async function rebuildReadModel(options: RebuildOptions): Promise<RebuildSummary> {
  const { store, source } = options;
  const started = performance.now();
  await store.reset();
  const projector = new DataProjector({
    store,
    deadLetters: 'count',
    durableOffsets: source.durableOffsets,
    logger: options.logger ?? consoleBusLogger,
    ...(options.contracts === undefined ? {} : { contracts: options.contracts }),
  });
  let messages = 0;
  let facts = 0;
  let deadLettered = 0;
  let fraction: number | undefined;
  const progress = (): RebuildProgress => {
    const elapsedMs = performance.now() - started;
    return {
      messages,
      facts,
      deadLettered,
      ...(fraction === undefined ? {} : { fraction }),
      elapsedMs,
      rate: elapsedMs > 0 ? (messages * 1000) / elapsedMs : 0,
    };
  };
  const bulk = supportsBulkLoad(store) ? store : undefined;
  await bulk?.beginBulkLoad();
  try {
    await source.run(async (batch, sourceProgress) => {
      const outcome = await projector.applyBatch(batch);
      messages += batch.length;
      facts += outcome.facts;
      deadLettered += outcome.deadLettered;
      fraction = sourceProgress.fraction;
      options.onProgress?.(progress());
    });
  } catch (error) {
    // The store's own failure wins over a failure to restore its indexes (the next open does).
    await bulk?.endBulkLoad().catch(() => undefined);
    throw error;
  }
  await bulk?.endBulkLoad();
  return { ...progress(), storedFacts: await store.count() };
}
