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
import { Gauge, type Registry } from 'prom-client';
import { CHECKPOINT_STORE, type CheckpointStore } from './checkpoint-store.port';
import { Relay } from './event.relay';
import { RelayRoutesRegistry } from './relay-routes.registry';
import type { RelayLogger, RelayStats } from './relay.options';
import type { RelayModuleSettings } from './relay.settings';

/** DI token of the module's settings. */
export const RELAY_SETTINGS = Symbol('RelaySettings');

const START_RETRY_MS = 5_000;

/**
 * Runs the relay for the routes contexts registered: starts it at application bootstrap
 * (retrying in the background if the checkpoint cannot be read yet) and stops it BEFORE
 * application shutdown, so its last batch is published and its checkpoint saved while the bus
 * and the stores are still open.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Relay');
  private current: Relay | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
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
    this.current = new Relay({
      ...this.settings.tuning,
      name: this.settings.name ?? 'relay',
      store: this.store,
      bus: this.bus,
      checkpoints: this.checkpoints,
      routes,
      logger: nestRelayLogger(this.logger),
    });
    if (this.metrics !== undefined) registerRelayMetrics(this.metrics, this.current);
    await this.start(this.current);
    const topics = [...new Set(routes.map((route) => `${route.streamPrefix}* → ${route.topic}`))];
    this.logger.log(`Relay ${this.current.name}: ${topics.join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    clearTimeout(this.retryTimer);
    await this.current?.stop();
  }

  private async start(relay: Relay): Promise<void> {
    try {
      await relay.start();
    } catch (error) {
      if (this.shuttingDown) return;
      this.logger.error(
        `Relay could not start, retrying in ${START_RETRY_MS} ms: ${String(error)}`,
      );
      this.retryTimer = setTimeout(() => void this.start(relay), START_RETRY_MS);
    }
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

function registerRelayMetrics(registry: Registry, relay: Relay): void {
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
