import { MemoryCursorStore, SwitchboardClient } from '@switchboard/client';
import { afterAll, describe, expect, it } from 'vitest';
import { LinkTap } from './support/link-tap';
import { splitApi } from './support/split.api';
import { cleanUpRun, realServicesAvailable } from './support/real-services';
import { metricValue, type ServiceProcess, waitFor } from './support/service.process';
import {
  GATEWAY_IDS,
  type SplitCluster,
  startSplitCluster,
  stopAll,
} from './support/split.cluster';

interface Received {
  readonly id: string;
  readonly text: string | undefined;
  readonly at: number;
}

/**
 * The split deployment on real PostgreSQL, Kafka and Redis: im (x2), customer-service,
 * dispatcher and two gateways as separate processes. A customer on gateway 1 and an agent on
 * gateway 2 chat in a consultation opened, assigned and accepted through the REST and socket
 * APIs. Each message reaches each recipient exactly once, and the dispatcher sends it over the
 * GatewayLink only to the gateway holding that recipient. Of the two im instances exactly one
 * relays (lease); the other publishes nothing, and takes over when the first is killed with
 * SIGKILL. Every other process exits 0 on SIGTERM.
 */
describe('split deployment smoke test', async () => {
  const available = await realServicesAvailable();
  describe.skipIf(!available)('with PostgreSQL, Kafka and Redis', () => {
    const started: ServiceProcess[] = [];
    const clients: SwitchboardClient[] = [];
    let cluster: SplitCluster | undefined;
    let tap: LinkTap | undefined;
    afterAll(async () => {
      clients.forEach((client) => client.close());
      tap?.close();
      await stopAll(started);
      if (cluster !== undefined)
        await cleanUpRun(
          cluster.schema,
          cluster.env.DELIVERY_REDIS_PREFIX!,
          cluster.env.UPLOAD_DIR,
        );
    });

    it('delivers both ways exactly once, only via the recipient gateway, with one active relay', async () => {
      const startedAt = Date.now();
      cluster = await startSplitCluster(started);
      const c = cluster;
      console.info(
        `boot: ${c
          .all()
          .map((s) => `${s.name} ${s.bootMs} ms`)
          .join(', ')}; cluster up in ${Date.now() - startedAt} ms`,
      );
      tap = await LinkTap.open(c.env.DELIVERY_REDIS_PREFIX!);
      const api = splitApi(c.customerService.url, c.im[0].url);
      const run = Math.random().toString(36).slice(2, 8);
      const group = `smoke-${run}`;
      const agentId = `agent-${run}`;
      const customerId = `customer-${run}`;
      await api.registerOnlineAgent(agentId, group);

      const connect = async (
        gateway: ServiceProcess,
        userId: string,
        role: string,
        device: 'web' | 'ios' = 'web',
      ) => {
        const client = new SwitchboardClient({
          url: gateway.url,
          token: await api.token(userId, role),
          device,
          cursorStore: new MemoryCursorStore(),
          transport: 'socket',
          socketTransports: ['websocket'],
          // The gateway serves sockets only; conversation lists are im's (nginx routes them).
          discoverConversations: false,
        });
        clients.push(client);
        const received: Received[] = [];
        client.on('message', (m) => received.push({ id: m.id, text: m.text, at: Date.now() }));
        await client.connect();
        return { client, received };
      };
      // Any gateway allocates from the shared membership: both are live, with their own URLs.
      const allocated = await api.allocate(c.gateways[1], customerId);
      expect(c.gateways.map((g) => g.url)).toContain(allocated.url);
      expect(GATEWAY_IDS).toContain(allocated.gatewayId);
      const customer = await connect(c.gateways[0], customerId, 'customer');
      const agent = await connect(c.gateways[1], agentId, 'agent');

      const consultation = await customer.client.openConsultation({ domain: 'travel', group });
      await api.untilAssigned(consultation.id, agentId);
      await api.accept(consultation.id, agentId);
      await api.untilMember(consultation.conversationId, agentId);
      await agent.client.follow(consultation.conversationId);

      const conversationId = consultation.conversationId;
      const sentAt = new Map<string, number>();
      const send = async (from: typeof customer, text: string) => {
        const before = Date.now();
        const message = await from.client.send({ conversationId, type: 'text', text });
        sentAt.set(message.id, before);
        return message;
      };
      const fromCustomer = [];
      const fromAgent = [];
      for (let i = 0; i < 5; i += 1) {
        fromCustomer.push(await send(customer, `c${i}`));
        fromAgent.push(await send(agent, `a${i}`));
      }
      const customerIds = fromCustomer.map((m) => m.id);
      const agentIds = fromAgent.map((m) => m.id);
      await waitFor(
        () =>
          agentIds.every((id) => customer.received.some((r) => r.id === id)) &&
          customerIds.every((id) => agent.received.some((r) => r.id === id))
            ? true
            : undefined,
        20_000,
        () =>
          `not all delivered: customer got ${customer.received.map((r) => r.text)}, agent got ${agent.received.map((r) => r.text)}`,
      );
      // Late duplicates would arrive within an ack timeout; give them one before counting.
      await new Promise((done) => setTimeout(done, 2_500));

      // Exactly once at each client (the SDK's view) and on the link (the dispatcher's).
      const once = (ids: readonly string[]) => new Set(ids).size === ids.length;
      expect(once(customer.received.map((r) => r.id))).toBe(true);
      expect(once(agent.received.map((r) => r.id))).toBe(true);
      const [gw1, gw2] = GATEWAY_IDS;
      for (const id of agentIds)
        expect(tap.messagesTo(gw1).filter((m) => m === id)).toHaveLength(1);
      for (const id of customerIds)
        expect(tap.messagesTo(gw2).filter((m) => m === id)).toHaveLength(1);
      // Targeted: a gateway was sent exactly the messages its client received, nothing else.
      expect(new Set(tap.messagesTo(gw1))).toEqual(new Set(customer.received.map((r) => r.id)));
      expect(new Set(tap.messagesTo(gw2))).toEqual(new Set(agent.received.map((r) => r.id)));
      expect(tap.gateways().filter((g) => !GATEWAY_IDS.includes(g as never))).toEqual([]);
      // And each gateway emitted to its socket once per message it was sent (first attempts).
      const emitted = async (gateway: ServiceProcess) =>
        metricValue(await api.metrics(gateway), 'switchboard_gateway_deliveries_total', {
          event: 'message.new',
        });
      expect(await emitted(c.gateways[0])).toBe(tap.messagesTo(gw1).length);
      expect(await emitted(c.gateways[1])).toBe(tap.messagesTo(gw2).length);

      // One active relay: exactly one im instance holds the lease; the other published nothing.
      const relay = async (im: ServiceProcess) => {
        const text = await api.metrics(im);
        return {
          held: metricValue(text, 'relay_lease_held', { relay: 'relay-im' }),
          published: metricValue(text, 'relay_published_messages', { relay: 'relay-im' }),
        };
      };
      const relays = await Promise.all(c.im.map(relay));
      expect(relays.map((r) => r.held).sort()).toEqual([0, 1]);
      const passive = relays.find((r) => r.held === 0)!;
      const active = relays.find((r) => r.held === 1)!;
      expect(passive.published).toBe(0);
      expect(active.published).toBeGreaterThanOrEqual(10);

      // A gateway added while running takes new connections: the customer's phone connects to
      // it and the agent's next message reaches both of the customer's devices, each via its
      // own gateway, once.
      const third = await c.addGateway('gw-smoke-3');
      const phone = await connect(third, customerId, 'customer', 'ios');
      await phone.client.follow(conversationId);
      const late = await send(agent, 'late');
      await waitFor(
        () =>
          phone.received.some((r) => r.id === late.id) &&
          customer.received.some((r) => r.id === late.id)
            ? true
            : undefined,
        20_000,
        () =>
          `the late message reached phone ${phone.received.length}, web ${customer.received.length}`,
      );
      expect(tap.messagesTo('gw-smoke-3').filter((id) => id === late.id)).toHaveLength(1);
      expect(tap.messagesTo(gw1).filter((id) => id === late.id)).toHaveLength(1);

      // kill -9 the relaying im: the passive one takes over within the lease TTL, and messages
      // written through it reach the agent (once each), so no relay was left unleased.
      const [dead, survivor] = relays[0]!.held === 1 ? [c.im[0], c.im[1]] : [c.im[1], c.im[0]];
      dead.child.kill('SIGKILL');
      const killedAt = Date.now();
      const afterKill = ['k0', 'k1', 'k2'];
      for (const text of afterKill) {
        const posted = await api.post(survivor, conversationId, customerId, text);
        expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      }
      await waitFor(
        () =>
          afterKill.every((text) => agent.received.some((r) => r.text === text)) ? true : undefined,
        20_000,
        () => `after the kill the agent got only ${agent.received.map((r) => r.text)}`,
      );
      console.info(
        `relay takeover after SIGKILL: k0..k2 at the agent ${Date.now() - killedAt} ms later`,
      );
      expect((await relay(survivor)).held).toBe(1);
      for (const text of afterKill) {
        expect(agent.received.filter((r) => r.text === text)).toHaveLength(1);
      }

      const latencies = [...customer.received, ...agent.received]
        .filter((r) => sentAt.has(r.id))
        .map((r) => r.at - sentAt.get(r.id)!)
        .sort((a, b) => a - b);
      console.info(
        `send → receive over ${latencies.length} messages: p50 ${latencies[Math.floor(latencies.length / 2)]} ms, max ${latencies.at(-1)} ms`,
      );

      clients.forEach((client) => client.close());
      const codes = await stopAll(started.splice(0).filter((service) => service !== dead));
      expect(codes).toEqual(Object.fromEntries(Object.keys(codes).map((name) => [name, 0])));
    }, 120_000);
  });
});
