import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BUS, type Bus } from '@switchboard/bus';
import { CLOCK, type Clock } from '@switchboard/platform/clock/clock.port';
import {
  CONNECTION_REGISTRY,
  type ConnectionRegistry,
} from './connection-registry/connection-registry.port';
import {
  DELIVERY_OPTIONS,
  type DeliveryModuleOptions,
  resolveDeliveryOptions,
  type ResolvedDeliveryOptions,
} from './delivery.options';
import {
  CONSULTATION_DIRECTORY,
  type ConsultationDirectory,
} from './dispatcher/consultation-parties';
import { Dispatcher } from './dispatcher/dispatcher';
import { DeliveryService } from './fan-out/delivery.service';
import { FAN_OUT } from './fan-out/fan-out.port';
import { GATEWAY_LINK, type GatewayLink } from './gateway-link/gateway-link.port';
import { GatewayAllocationController } from './membership/gateway-allocation.controller';
import { MEMBERSHIP, type Membership } from './membership/membership.port';
import { LogPushSender } from './push/log.push-sender';
import { PUSH_SENDER, type PushSender } from './push/push-sender.port';
import { PushWorker } from './push/push.worker';
import { WebhookPushSender } from './push/webhook.push-sender';
import {
  type DeliveryAdapterOptions,
  deliveryAdapterProviders,
} from './redis/delivery-adapters.providers';

function logger(context: string): {
  log(message: string): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
} {
  const nest = new Logger(context);
  const line = (message: string, details?: Readonly<Record<string, unknown>>): string =>
    details === undefined ? message : `${message} ${JSON.stringify(details)}`;
  return {
    log: (message) => nest.log(message),
    warn: (message, details) => nest.warn(line(message, details)),
    error: (message, details) => nest.error(line(message, details)),
  };
}

/**
 * Starts the push worker, then the dispatcher, once the app is up (the bus is global), and
 * stops them before shutdown, while the bus is still open; the registry and link close last.
 */
@Injectable()
export class DeliveryRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(DELIVERY_OPTIONS) private readonly options: ResolvedDeliveryOptions,
    private readonly dispatcher: Dispatcher,
    private readonly pushWorker: PushWorker,
    @Inject(CONNECTION_REGISTRY) private readonly registry: ConnectionRegistry,
    @Inject(GATEWAY_LINK) private readonly link: GatewayLink,
    @Inject(MEMBERSHIP) private readonly membership: Membership,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.pushWorker) await this.pushWorker.start();
    if (this.options.dispatcher) await this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
    await this.pushWorker.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.link.close();
    await this.registry.close();
    await this.membership.close();
  }
}

/**
 * The Delivery context: CONNECTION_REGISTRY, GATEWAY_LINK and MEMBERSHIP (in memory for one
 * process, Redis for several: `adapters`), `GET /v1/gateways/allocate` (unless
 * `allocationApi: false`), DeliveryService (also FAN_OUT for the gateway's typing and presence),
 * the Dispatcher and the PushWorker over the global BUS (started unless `consumers: false`), and
 * PUSH_SENDER (log, or webhook when `PUSH_WEBHOOK_URL` is set). Global, so the gateway injects the tokens without importing it.
 * Needs BUS and CLOCK from global modules; ConfigService optional; CONSULTATION_DIRECTORY
 * optional.
 */
@Module({})
export class DeliveryModule {
  static forRoot(
    options: DeliveryModuleOptions = {},
    adapters: DeliveryAdapterOptions = { adapter: 'memory' },
  ): DynamicModule {
    return {
      module: DeliveryModule,
      global: true,
      controllers: options.allocationApi === false ? [] : [GatewayAllocationController],
      providers: [
        {
          provide: DELIVERY_OPTIONS,
          inject: [{ token: ConfigService, optional: true }],
          useFactory: (config?: ConfigService) => resolveDeliveryOptions(options, config),
        },
        ...deliveryAdapterProviders({ logger: logger('GatewayLink'), ...adapters }),
        {
          provide: DeliveryService,
          inject: [CONNECTION_REGISTRY, GATEWAY_LINK, DELIVERY_OPTIONS],
          useFactory: (
            registry: ConnectionRegistry,
            link: GatewayLink,
            resolved: ResolvedDeliveryOptions,
          ) =>
            new DeliveryService(registry, link, {
              mutedSystemPushDomains: resolved.mutedSystemPushDomains,
            }),
        },
        { provide: FAN_OUT, useExisting: DeliveryService },
        {
          provide: PUSH_SENDER,
          inject: [DELIVERY_OPTIONS],
          useFactory: (resolved: ResolvedDeliveryOptions): PushSender =>
            resolved.pushWebhookUrl === undefined
              ? new LogPushSender(logger('PushSender'))
              : new WebhookPushSender({
                  url: resolved.pushWebhookUrl,
                  timeoutMs: resolved.pushWebhookTimeoutMs,
                  retries: resolved.pushWebhookRetries,
                }),
        },
        {
          provide: Dispatcher,
          inject: [
            BUS,
            DeliveryService,
            CLOCK,
            DELIVERY_OPTIONS,
            { token: CONSULTATION_DIRECTORY, optional: true },
          ],
          useFactory: (
            bus: Bus,
            delivery: DeliveryService,
            clock: Clock,
            resolved: ResolvedDeliveryOptions,
            directory?: ConsultationDirectory,
          ) =>
            new Dispatcher({
              bus,
              delivery,
              clock,
              directory,
              pushMaxAgeMs: resolved.pushMaxAgeMs,
              logger: logger('Dispatcher'),
            }),
        },
        {
          provide: PushWorker,
          inject: [BUS, PUSH_SENDER],
          useFactory: (bus: Bus, sender: PushSender) =>
            new PushWorker({ bus, sender, logger: logger('PushWorker') }),
        },
        DeliveryRuntime,
      ],
      exports: [
        CONNECTION_REGISTRY,
        GATEWAY_LINK,
        DeliveryService,
        FAN_OUT,
        PUSH_SENDER,
        Dispatcher,
        PushWorker,
        MEMBERSHIP,
      ],
    };
  }
}
