import type { Bus, Headers } from '@switchboard/bus';
import { type ContractRegistry, defaultContractRegistry } from '@switchboard/contracts';
import type { EventStore, RecordedEvent } from '@switchboard/event-store';
import type { CheckpointStore } from './checkpoint-store.port';

/** What a route publishes for one event; the topic is the route's. */
export interface RelayMessage {
  readonly key: string;
  readonly value: string;
  readonly headers?: Headers;
}

/**
 * Publishes the events of every stream whose id starts with `streamPrefix` to `topic`.
 * An event matching several routes is published by each of them.
 */
export interface RelayRoute {
  readonly streamPrefix: string;
  readonly topic: string;
  /**
   * Maps an event to its public message, or `null` to leave it out of the topic (a domain
   * event with no public contract), or to several messages, published in that order (a stored
   * event that carries what the topic has as two events). Default: `envelopeMessage(event)`,
   * the envelope keyed by aggregate id. Must be pure and fast: it runs once per event, in order.
   */
  readonly toMessage?: (event: RecordedEvent) => RelayMessage | readonly RelayMessage[] | null;
}

/** Structural, so a Nest or pino logger adapts in one line (like the bus's `BusLogger`). */
export interface RelayLogger {
  info?(message: string, context?: Readonly<Record<string, unknown>>): void;
  warn(message: string, context?: Readonly<Record<string, unknown>>): void;
  error(message: string, context?: Readonly<Record<string, unknown>>): void;
}

export interface RelayOptions {
  /** Checkpoint name; one per relay (two relays under one name would share a checkpoint). */
  readonly name: string;
  readonly store: EventStore;
  readonly bus: Bus;
  readonly checkpoints: CheckpointStore;
  readonly routes: readonly RelayRoute[];
  /** Messages per publish call. Default 500. Also the bound on re-published events after a crash. */
  readonly batchSize?: number;
  /** How long a partial batch waits for more events before it is published. Default 5 ms. */
  readonly lingerMs?: number;
  /** Events buffered before the subscription is made to wait (backpressure). Default 2 × batchSize. */
  readonly maxBuffered?: number;
  /** First retry delay after a failed publish or save; doubles up to `maxRetryDelayMs`. Default 100. */
  readonly retryDelayMs?: number;
  /** Default 10 000. */
  readonly maxRetryDelayMs?: number;
  /** How long `stop()` keeps trying to flush before it gives up (the events are re-published on the next start). Default 5 000. */
  readonly stopTimeoutMs?: number;
  /**
   * Checks each message against its topic's registered contracts before publishing; a message
   * that fails goes to the topic's `.dlq` instead (logged), so one bad event never stops the
   * relay. `false` turns the check off. Default: the contracts lib's default registry.
   */
  readonly contracts?: ContractRegistry | false;
  /** Where an empty checkpoint starts: the whole history (default) or only new events. */
  readonly initialPosition?: 'start' | 'end';
  readonly logger?: RelayLogger;
  /**
   * Checked before every publish and checkpoint save; `false` abandons the flush (the events
   * stay unpublished and unsaved, for the next holder). The relay's lease sets it
   * (`LeaseKeeper.holds`). Default: always true.
   */
  readonly fence?: () => boolean;
}

/** What `Relay.stats` reports. Counters are for this process since it started. */
export interface RelayStats {
  readonly running: boolean;
  /** Last position saved to the checkpoint store. */
  readonly checkpoint: number;
  /** Position of the last event the subscription handed over (buffered or published). */
  readonly handledPosition: number;
  readonly buffered: number;
  readonly published: number;
  readonly batches: number;
  readonly deadLettered: number;
  readonly publishFailures: number;
  readonly checkpointFailures: number;
  readonly lastError?: string;
}

export const RELAY_DEFAULTS = {
  batchSize: 500,
  lingerMs: 5,
  retryDelayMs: 100,
  maxRetryDelayMs: 10_000,
  stopTimeoutMs: 5_000,
} as const;

export const consoleRelayLogger: RelayLogger = {
  info: (message, context) => console.info(`[relay] ${message}${suffix(context)}`),
  warn: (message, context) => console.warn(`[relay] ${message}${suffix(context)}`),
  error: (message, context) => console.error(`[relay] ${message}${suffix(context)}`),
};

/** For tests that provoke failures on purpose. */
export const silentRelayLogger: RelayLogger = { warn: () => undefined, error: () => undefined };

function suffix(context: Readonly<Record<string, unknown>> | undefined): string {
  return context === undefined ? '' : ` ${JSON.stringify(context)}`;
}

/** Options with every default applied and every number checked. */
export interface RelaySettings {
  readonly batchSize: number;
  readonly maxBuffered: number;
  readonly lingerMs: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly stopTimeoutMs: number;
  readonly initialPosition: 'start' | 'end';
  readonly contracts: ContractRegistry | undefined;
  readonly logger: RelayLogger;
}

export function relaySettings(options: RelayOptions): RelaySettings {
  if (typeof options.name !== 'string' || options.name.length === 0) {
    throw new Error('Relay: name must be a non-empty string');
  }
  const batchSize = options.batchSize ?? RELAY_DEFAULTS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError('Relay: batchSize must be a positive integer');
  }
  return {
    batchSize,
    maxBuffered: Math.max(batchSize, options.maxBuffered ?? 2 * batchSize),
    lingerMs: Math.max(0, options.lingerMs ?? RELAY_DEFAULTS.lingerMs),
    retryDelayMs: Math.max(1, options.retryDelayMs ?? RELAY_DEFAULTS.retryDelayMs),
    maxRetryDelayMs: Math.max(1, options.maxRetryDelayMs ?? RELAY_DEFAULTS.maxRetryDelayMs),
    stopTimeoutMs: Math.max(0, options.stopTimeoutMs ?? RELAY_DEFAULTS.stopTimeoutMs),
    initialPosition: options.initialPosition ?? 'start',
    contracts:
      options.contracts === false ? undefined : (options.contracts ?? defaultContractRegistry),
    logger: options.logger ?? consoleRelayLogger,
  };
}
