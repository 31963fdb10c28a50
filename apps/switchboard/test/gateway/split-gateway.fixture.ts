import { Global, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  CONNECTION_REGISTRY,
  DeliveryService,
  FAN_OUT,
  GATEWAY_LINK,
  InMemoryConnectionRegistry,
  InProcessGatewayLink,
} from '@switchboard/delivery';
import { GatewayModule, SwitchboardIoAdapter } from '@switchboard/gateway';
import { AuthTokenService, CLOCK, type Role, SystemClock } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { Server } from 'node:http';
import { type Harness, startSwitchboard } from '../switchboard.harness';
import { registerOnlineAgent } from '../consultations/consultations.fixture';

export const SPLIT_GATEWAY_ID = 'gw-split';

/**
 * The split deployment in one test process: the one-process app plays im, customer-service
 * and the dispatcher; a second Nest app is a stateless gateway (HTTP edge, no contexts) that
 * shares only the connection registry and the gateway link with it, as gateways share Redis.
 */
export interface SplitDeployment {
  readonly app: Harness;
  readonly server: Server;
  /** `Authorization` header value for a user. */
  bearer(userId: string, role: Role): string;
  /** Registers an agent in `group` and sets it online. */
  onlineAgent(agentId: string, group: string): Promise<void>;
  readonly gateway: INestApplication;
  readonly gatewayUrl: string;
  /** Every batch the link handed to the split gateway. */
  readonly linked: { readonly event: string; readonly wsids: readonly string[] }[];
  connect(userId: string, role: Role): Promise<SplitClient>;
  close(): Promise<void>;
}

export interface SplitClient {
  readonly socket: Socket;
  /** Every server event the client got, in order (`message.new` acked). */
  readonly events: { readonly event: string; readonly payload: Record<string, unknown> }[];
  emit(event: string, payload: unknown): Promise<Record<string, unknown>>;
}

export async function startSplitDeployment(): Promise<SplitDeployment> {
  const registry = new InMemoryConnectionRegistry();
  const link = new SpyLink();
  const app = await startSwitchboard({
    env: { LOG_LEVEL: 'warn' },
    override: (builder) => {
      builder.overrideProvider(CONNECTION_REGISTRY).useValue(registry);
      builder.overrideProvider(GATEWAY_LINK).useValue(link);
    },
  });
  const server = app.app.getHttpServer() as Server;
  const tokens = app.app.get(AuthTokenService);
  const bearer = (userId: string, role: Role) => `Bearer ${tokens.sign({ userId, role })}`;

  @Global()
  @Module({
    providers: [
      { provide: CONNECTION_REGISTRY, useValue: registry },
      { provide: GATEWAY_LINK, useValue: link },
      { provide: FAN_OUT, useValue: new DeliveryService(registry, link) },
      { provide: AuthTokenService, useValue: tokens },
      { provide: CLOCK, useClass: SystemClock },
    ],
    exports: [CONNECTION_REGISTRY, GATEWAY_LINK, FAN_OUT, AuthTokenService, CLOCK],
  })
  class SharedInfraModule {}

  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      SharedInfraModule,
      GatewayModule.forRoot({
        gatewayId: SPLIT_GATEWAY_ID,
        edge: { kind: 'http', imUrl: url, customerServiceUrl: url, timeoutMs: 10_000 },
      }),
    ],
  }).compile();
  const gateway = moduleRef.createNestApplication({ logger: false });
  gateway.useWebSocketAdapter(new SwitchboardIoAdapter(gateway));
  await gateway.listen(0, '127.0.0.1');
  const gatewayUrl = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
  const clients: Socket[] = [];
  return {
    app,
    server,
    bearer,
    onlineAgent: (agentId, group) =>
      registerOnlineAgent(server, bearer, { agentId, capacity: 5, groups: [group] }),
    gateway,
    gatewayUrl,
    linked: link.toSplit,
    connect: async (userId, role) => {
      const client = await connectClient(gatewayUrl, tokens.sign({ userId, role }));
      clients.push(client.socket);
      return client;
    },
    close: async () => {
      for (const client of clients) client.disconnect();
      await gateway.close();
      await app.dispose();
    },
  };
}

/** The in-process link, noting what it hands to the split gateway. */
class SpyLink extends InProcessGatewayLink {
  readonly toSplit: { event: string; wsids: readonly string[] }[] = [];

  override deliver(...args: Parameters<InProcessGatewayLink['deliver']>): Promise<void> {
    const [gatewayId, deliveries] = args;
    if (gatewayId === SPLIT_GATEWAY_ID) {
      for (const { event, wsids } of deliveries) this.toSplit.push({ event, wsids });
    }
    return super.deliver(...args);
  }
}

async function connectClient(url: string, token: string): Promise<SplitClient> {
  const socket = io(url, {
    auth: { token, device: 'web', deviceId: randomUUID() },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const events: SplitClient['events'][number][] = [];
  socket.onAny((event: string, payload: Record<string, unknown>, ack?: unknown) => {
    events.push({ event, payload });
    if (typeof ack === 'function') (ack as () => void)();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    events,
    emit: (event, payload) =>
      socket.timeout(10_000).emitWithAck(event, payload) as Promise<Record<string, unknown>>,
  };
}
