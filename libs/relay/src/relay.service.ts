import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { BUS, type Bus } from '@switchboard/bus';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { METRICS_REGISTRY } from '@switchboard/platform/metrics/metrics.registry';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Gauge, type Registry } from 'prom-client';
import { CHECKPOINT_STORE, type CheckpointStore } from './checkpoint-store.port';
import { Relay } from './event.relay';
import { LeaseKeeper } from './lease/lease.keeper';
import { type Lease, RELAY_LEASE } from './lease/lease.port';
import { DEFAULT_LEASE_TTL_MS } from './lease/lease.settings';
import { RelayRoutesRegistry } from './relay-routes.registry';
import type { RelayLogger, RelayStats } from './relay.options';
import type { RelayModuleSettings } from './relay.settings';

/** DI token of the module's settings. */
export const RELAY_SETTINGS = Symbol('RelaySettings');

/**
 * Runs the relay for the routes contexts registered, while this instance holds the relay's
 * lease (RELAY_LEASE): at application bootstrap it starts competing for the lease; the holder
 * loads the shared checkpoint and publishes, the others stay passive and take over within the
 * lease TTL if the holder dies. A holder whose renew fails stops publishing at once (fencing).
 * A relay that cannot start (checkpoint or broker out of reach) gives the lease up and tries
 * again on the next round. The relay stops BEFORE application shutdown, so its last batch is
 * published and its checkpoint saved while the bus and the stores are still open, and the
 * lease is released so a passive instance takes over without waiting for the TTL.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Relay');
  private current: Relay | undefined;
  private keeper: LeaseKeeper | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(RELAY_LEASE) private readonly lease: Lease,
    @Inject(RELAY_SETTINGS) private readonly settings: RelayModuleSettings,
    private readonly routes: RelayRoutesRegistry,
    @Optional() @Inject(METRICS_REGISTRY) private readonly metrics?: Registry,
  ) {}

  /** The running relay, if any (undefined when disabled or without routes). */
  get relay(): Relay | undefined {
    return this.current;
  }

  stats(): RelayStats | undefined {
    return this.current?.stats;
  }

  /** Whether this instance holds the relay's lease (and publishes) right now. */
  get active(): boolean {
    return this.keeper?.holds() ?? false;
  }

  async onApplicationBootstrap(): Promise<void> {
    const routes = this.routes.freeze();
    if (this.settings.enabled === false) {
      this.logger.log('Relay disabled');
      return;
    }
    if (routes.length === 0) {
      this.logger.log('Relay not started: no module registered a route');
      return;
    }
    const name = this.settings.name ?? 'relay';
    const logger = nestRelayLogger(this.logger);
    const ttlMs = this.settings.lease?.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    const keeper = new LeaseKeeper({
      lease: this.lease,
      name,
      holder:
        this.settings.holder ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      ttlMs,
      logger,
    });
    this.keeper = keeper;
    this.current = new Relay({
      ...this.settings.tuning,
      // No longer than the lease lasts: past it the fence refuses every publish anyway.
      stopTimeoutMs: Math.min(this.settings.tuning?.stopTimeoutMs ?? ttlMs, ttlMs),
      name,
      store: this.store,
      bus: this.bus,
      checkpoints: this.checkpoints,
      routes,
      logger,
      fence: () => keeper.holds(),
    });
    if (this.metrics !== undefined) registerRelayMetrics(this.metrics, this.current, keeper);
    const relay = this.current;
    keeper.start({ start: () => relay.start(), stop: () => relay.stop() });
    const topics = [...new Set(routes.map((route) => `${route.streamPrefix}* → ${route.topic}`))];
    this.logger.log(`Relay ${name} (waits for its lease): ${topics.join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.keeper?.stop();
  }
}

/** The relay's log entries through Nest's logger (JSON lines under pino). */
export function nestRelayLogger(logger: Logger): RelayLogger {
  const entry = (msg: string, context?: Readonly<Record<string, unknown>>) =>
    context === undefined ? msg : { msg, ...context };
  return {
    info: (message, context) => logger.log(entry(message, context)),
    warn: (message, context) => logger.warn(entry(message, context)),
    error: (message, context) => logger.error(entry(message, context)),
  };
}

function registerRelayMetrics(registry: Registry, relay: Relay, keeper: LeaseKeeper): void {
  const gauge = (name: string, help: string, read: (stats: RelayStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['relay'],
      registers: [registry],
      collect() {
        this.set({ relay: relay.name }, read(relay.stats));
      },
    });
  gauge(
    'relay_checkpoint_position',
    'Last saved relay checkpoint (global position).',
    (s) => s.checkpoint,
  );
  gauge('relay_lease_held', '1 while this instance holds the relay lease and publishes.', () =>
    keeper.holds() ? 1 : 0,
  );
  gauge('relay_buffered_messages', 'Messages waiting to be published.', (s) => s.buffered);
  gauge('relay_published_messages', 'Messages published since start.', (s) => s.published);
  gauge('relay_publish_failures', 'Failed publish attempts since start.', (s) => s.publishFailures);
  gauge(
    'relay_dead_lettered_messages',
    'Events sent to a .dlq topic since start.',
    (s) => s.deadLettered,
  );
  new Gauge({
    name: 'relay_lag_positions',
    help: 'Global positions between the checkpoint and the last relayed-stream event.',
    labelNames: ['relay'],
    registers: [registry],
    async collect() {
      this.set({ relay: relay.name }, await relay.lag().catch(() => -1));
    },
  });
}
