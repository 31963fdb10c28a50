import { waitUntil } from '@switchboard/testing';
import { Global, type INestApplication, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import {
  CONNECTION_REGISTRY,
  type ConnectionRegistry,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import { FAN_OUT, type FanOut } from '@switchboard/delivery/fan-out/fan-out.port';
import {
  GATEWAY_LINK,
  type GatewayLink,
} from '@switchboard/delivery/gateway-link/gateway-link.port';
import {
  AuthTokenService,
  type AuthUser,
  CLOCK,
  METRICS_REGISTRY,
  SystemClock,
} from '@switchboard/platform';
import { type AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import {
  io,
  type Socket as ClientSocket,
  type SocketOptions,
  type ManagerOptions,
} from 'socket.io-client';
import { GatewayModule } from '../../src/gateway.module';
import { type GatewayOptions } from '../../src/gateway.options';
import { SwitchboardIoAdapter, type SwitchboardIoOptions } from '../../src/switchboard-io.adapter';
import { FakeConnectionRegistry, FakeFanOut, FakeGatewayLink } from './fake-delivery';
import { FAKE_HANDLERS, FakeHandlers } from './fake-handlers';

export const TEST_SECRET = 'gateway-test-secret-that-is-long-enough-0123456789';
export const GATEWAY_ID = 'gw-test';

export interface GatewayHarness {
  readonly app: INestApplication;
  readonly url: string;
  readonly tokens: AuthTokenService;
  readonly registry: FakeConnectionRegistry;
  readonly link: FakeGatewayLink;
  readonly fanOut: FakeFanOut;
  /** The fake context handlers (in-process edge only: an HTTP-edge gateway has no buses). */
  readonly handlers: FakeHandlers;
  readonly metrics: Registry;
  /** A connected client for `user` (rejects with the connect_error). */
  connect(user: AuthUser, options?: ClientOptions): Promise<ClientSocket>;
  close(): Promise<void>;
}

export interface ClientOptions {
  readonly device?: string;
  readonly deviceId?: string;
  readonly transports?: ('websocket' | 'polling')[];
  readonly upgrade?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Real delivery adapters to use instead of the fakes (the fakes are then left idle). */
export interface AdapterOverrides {
  readonly registry?: ConnectionRegistry;
  readonly link?: GatewayLink;
  readonly fanOut?: FanOut;
  /** socket.io server settings besides the CORS origins (heartbeat). */
  readonly io?: Omit<SwitchboardIoOptions, 'corsOrigin'>;
}

/**
 * A real Nest app on port 0 with the gateway and fake delivery adapters; with the in-process
 * edge (default) also the CQRS buses and fake handlers, with `edge: {kind: 'http'}` neither.
 */
export async function startGateway(
  options: Partial<GatewayOptions> = {},
  overrides: AdapterOverrides = {},
): Promise<GatewayHarness> {
  const registry = new FakeConnectionRegistry();
  const link = new FakeGatewayLink();
  const fanOut = new FakeFanOut();
  const tokens = new AuthTokenService({ secret: TEST_SECRET, ttlSeconds: 3600 });
  const metrics = new Registry();

  @Global()
  @Module({
    providers: [
      { provide: CONNECTION_REGISTRY, useValue: overrides.registry ?? registry },
      { provide: GATEWAY_LINK, useValue: overrides.link ?? link },
      { provide: FAN_OUT, useValue: overrides.fanOut ?? fanOut },
      { provide: AuthTokenService, useValue: tokens },
      { provide: METRICS_REGISTRY, useValue: metrics },
      { provide: CLOCK, useClass: SystemClock },
    ],
    exports: [
      CONNECTION_REGISTRY,
      GATEWAY_LINK,
      FAN_OUT,
      AuthTokenService,
      METRICS_REGISTRY,
      CLOCK,
    ],
  })
  class FakeInfraModule {}

  const contexts = options.edge?.kind !== 'http';
  const moduleRef = await Test.createTestingModule({
    imports: [
      ...(contexts ? [CqrsModule.forRoot()] : []),
      FakeInfraModule,
      GatewayModule.forRoot({ gatewayId: GATEWAY_ID, serverIp: '10.0.0.1', ...options }),
    ],
    providers: contexts ? FAKE_HANDLERS : [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useWebSocketAdapter(
    new SwitchboardIoAdapter(app, { corsOrigin: options.corsOrigin, ...overrides.io }),
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const clients: ClientSocket[] = [];

  return {
    app,
    url,
    tokens,
    registry,
    link,
    fanOut,
    get handlers(): FakeHandlers {
      if (!contexts) throw new Error('an HTTP-edge gateway has no handlers');
      return app.get(FakeHandlers);
    },
    metrics,
    connect: (user, clientOptions = {}) => {
      const socket = openClient(url, tokens.sign(user), clientOptions);
      clients.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    },
    close: async () => {
      for (const client of clients) client.disconnect();
      await app.close();
    },
  };
}

export function openClient(
  url: string,
  token: string | undefined,
  options: ClientOptions = {},
  auth?: Record<string, unknown>,
): ClientSocket {
  const clientOptions: Partial<ManagerOptions & SocketOptions> = {
    auth: auth ?? {
      token,
      device: options.device ?? 'web',
      deviceId: options.deviceId ?? 'device-1',
    },
    transports: options.transports ?? ['websocket'],
    upgrade: options.upgrade ?? true,
    ...(options.headers === undefined ? {} : { extraHeaders: { ...options.headers } }),
    reconnection: false,
    forceNew: true,
  };
  return io(url, clientOptions);
}

/** An ack as tests read it (`error` is there whenever `ok` is false). */
export interface AckAnswer {
  readonly ok: boolean;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly errors?: readonly { readonly field: string }[];
  };
  readonly [key: string]: unknown;
}

/** Emits with an ack and resolves with the answer. */
export function request(socket: ClientSocket, event: string, payload: unknown): Promise<AckAnswer> {
  return socket.timeout(10_000).emitWithAck(event, payload);
}

/** The first connect_error of a client that should be refused. */
export function refusal(
  socket: ClientSocket,
): Promise<{ message: string; data?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, expected a refusal')));
    socket.once('connect_error', (error) => resolve(error as never));
  });
}

/** Resolves once `check` holds, polling the event loop (no timing asserted). */
export const eventually = (check: () => boolean, what = 'condition'): Promise<void> =>
  waitUntil(check, what, 5_000);

export const CUSTOMER: AuthUser = { userId: 'cust-1', role: 'customer' };
export const AGENT: AuthUser = { userId: 'agent-1', role: 'agent' };
