import { BUS, type Bus, type OutgoingMessage } from '@switchboard/bus';
import {
  type ContractRegistry,
  type Envelope,
  isContractViolation,
  isDlqTopic,
  ORDER_PLACED,
  type OrderPlacedData,
  TOPICS,
} from '@switchboard/contracts';
import { AuthTokenService, type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { eventually } from '../consultations/consultations.fixture';
import { type Harness, type HarnessOptions, startSwitchboard } from '../switchboard.harness';

/** The app under test with what the scenario needs to call it. */
export interface App {
  readonly harness: Harness;
  readonly server: Server;
  bearer(userId: string, role: Role): string;
  /** A fresh id with a readable prefix. */
  id(prefix: string): string;
}

/** Boots Switchboard (temp SQLite, in-process bus) with `env` and provider overrides. */
export async function startApp(
  env: Readonly<Record<string, string>>,
  override: HarnessOptions['override'],
): Promise<App> {
  const harness = await startSwitchboard({ env: { LOG_LEVEL: 'warn', ...env }, override });
  const tokens = harness.app.get(AuthTokenService);
  return {
    harness,
    server: harness.app.getHttpServer() as Server,
    bearer: (userId, role) => `Bearer ${tokens.sign({ userId, role })}`,
    id: (prefix) => `${prefix}-${randomUUID().slice(0, 8)}`,
  };
}

/** One message the app handed to the bus. */
export interface Published {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly type: string;
  readonly version: number;
}

/**
 * Records every message published on the app's bus (the relay, the dispatcher, the push outbox
 * and the test itself), by wrapping the Bus instance's `publish`: nothing reaches a topic
 * without passing here.
 */
export function recordBus(api: App): Published[] {
  const bus = api.harness.app.get<Bus>(BUS);
  const published: Published[] = [];
  const publish = bus.publish.bind(bus);
  bus.publish = (messages: OutgoingMessage | readonly OutgoingMessage[]) => {
    for (const message of Array.isArray(messages) ? messages : [messages]) {
      const { topic, key, value } = message as OutgoingMessage;
      let head: { type?: unknown; version?: unknown } = {};
      try {
        head = JSON.parse(value) as typeof head;
      } catch {
        // Recorded as is; the validation reports it.
      }
      published.push({
        topic,
        key,
        value,
        type: String(head.type),
        version: Number(head.version),
      });
    }
    return publish(messages);
  };
  return published;
}

/** Validates each recorded message on a public topic; returns one line per violation. */
export function violations(registry: ContractRegistry, published: readonly Published[]): string[] {
  const found: string[] = [];
  for (const message of published) {
    if (isDlqTopic(message.topic)) {
      found.push(`${message.topic} ${message.type}: dead-lettered ${message.value.slice(0, 300)}`);
      continue;
    }
    try {
      registry.parse(message.value, message.topic);
      if (registry.lookup(message.topic, message.type, message.version) === undefined) {
        found.push(`${message.topic} ${message.type} v${message.version}: no contract`);
      }
    } catch (error) {
      if (!isContractViolation(error)) throw error;
      found.push(`${message.topic} ${message.type}: ${error.message}`);
    }
  }
  return found;
}

/** `topic type vN`: one kind of message. */
export function kindOf(message: { topic: string; type: string; version: number }): string {
  return `${message.topic} ${message.type} v${message.version}`;
}

/** The kind of every recorded message. */
export function seenKinds(published: readonly Published[]): Set<string> {
  return new Set(published.map(kindOf));
}

/** Waits until every kind in `kinds` was published. */
export async function waitForKinds(
  published: readonly Published[],
  kinds: readonly string[],
  timeoutMs = 5000,
): Promise<void> {
  await eventually(async () => {
    const seen = seenKinds(published);
    const missing = kinds.filter((kind) => !seen.has(kind));
    if (missing.length > 0) throw new Error(`not published yet: ${missing.join(', ')}`);
  }, timeoutMs);
}

/** An order as a commerce system publishes it on `commerce.orders.v1`. */
export async function publishOrder(api: App, customerId: string): Promise<void> {
  const orderId = `order-${randomUUID().slice(0, 8)}`;
  const data: OrderPlacedData = {
    orderId,
    customerId,
    domain: 'travel',
    amountMinor: 45_900,
    currency: 'EUR',
    placedAt: new Date().toISOString(),
  };
  const envelope: Envelope<typeof ORDER_PLACED, OrderPlacedData> = {
    id: randomUUID(),
    type: ORDER_PLACED,
    version: 1,
    streamId: `order-${orderId}`,
    revision: 0,
    position: 0,
    occurredAt: data.placedAt,
    correlationId: orderId,
    causationId: orderId,
    data,
  };
  await api.harness.app
    .get<Bus>(BUS)
    .publish({ topic: TOPICS.commerceOrders, key: orderId, value: JSON.stringify(envelope) });
}

/** REST helpers for the scenario, each expecting success. */
export function rest(api: App) {
  const supervisor = api.bearer('supervisor-1', 'supervisor');
  const send = (method: 'post' | 'put', url: string, bearer: string, body: object = {}) =>
    request(api.server)[method](url).set('Authorization', bearer).send(body);
  return {
    supervisor,
    send,
    async ok(method: 'post' | 'put', url: string, bearer: string, body: object = {}) {
      const res = await send(method, url, bearer, body);
      if (res.status >= 300) {
        throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      return res.body as Record<string, unknown>;
    },
    async state(consultationId: string): Promise<Record<string, unknown>> {
      const res = await request(api.server)
        .get(`/v1/consultations/${consultationId}`)
        .set('Authorization', supervisor);
      return res.body as Record<string, unknown>;
    },
  };
}
