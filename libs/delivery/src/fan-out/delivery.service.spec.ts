import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connection, NOW, RecordingGateways, waitFor } from '../../test/delivery.fixtures';
import { InMemoryConnectionRegistry } from '../connection-registry/in-memory.connection-registry';
import type { ConnectionRegistry } from '../connection-registry/connection-registry.port';
import { InProcessGatewayLink } from '../gateway-link/in-process.gateway-link';
import { DeliveryService } from './delivery.service';

describe('DeliveryService', () => {
  let registry: InMemoryConnectionRegistry;
  let link: InProcessGatewayLink;
  let gateways: RecordingGateways;
  let service: DeliveryService;

  beforeEach(async () => {
    registry = new InMemoryConnectionRegistry({ now: () => NOW.getTime() });
    link = new InProcessGatewayLink();
    gateways = await RecordingGateways.on(link, 'gw-1', 'gw-2');
    service = new DeliveryService(registry, link);
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    await registry.register(connection('cust-1', 'customer', 'ios', 'gw-2'));
    await registry.register(connection('agent-1', 'agent', 'desktop', 'gw-2'));
    await registry.register(connection('agent-1', 'agent', 'android', 'gw-1'));
  });

  afterEach(async () => {
    await link.close();
  });

  it('fans typing out to web and desktop only, never back to the typing socket', async () => {
    await service.fanOut(
      [
        { userId: 'cust-1', role: 'customer' },
        { userId: 'agent-1', role: 'agent' },
      ],
      'typing',
      { conversationId: 'conv-1', userId: 'agent-1', typing: true },
      { exceptWsid: 'cust-1-web' },
    );
    await waitFor(() => gateways.batches.length === 1);
    expect(gateways.wsids('typing')).toEqual(['agent-1-desktop']);
    expect(gateways.received()[0].ack).toBe(false);
  });

  it('fans presence out to every live device, one delivery per gateway', async () => {
    await service.fanOut(
      [
        { userId: 'agent-1', role: 'agent' },
        { userId: 'cust-1', role: 'customer' },
      ],
      'presence',
      { userId: 'cust-9', online: true },
    );
    await waitFor(() => gateways.batches.length === 2);
    const perGateway = gateways.batches.map((batch) => [
      batch.gatewayId,
      batch.deliveries[0].wsids,
    ]);
    expect(perGateway.sort()).toEqual([
      ['gw-1', ['agent-1-android', 'cust-1-web']],
      ['gw-2', ['agent-1-desktop', 'cust-1-ios']],
    ]);
  });

  it('looks the whole audience up in one call and treats a customer socket as a customer', async () => {
    const calls: (readonly string[])[] = [];
    const counting: ConnectionRegistry = {
      register: (row) => registry.register(row),
      heartbeat: (rows) => registry.heartbeat(rows),
      unregister: (uid, wsid) => registry.unregister(uid, wsid),
      lookup: (uids) => {
        calls.push(uids);
        return registry.lookup(uids);
      },
      close: () => registry.close(),
    };
    // A row whose token says customer, named "agent" by a (wrong) event.
    await registry.register(connection('mixed', 'customer', 'web', 'gw-1'));
    const result = await new DeliveryService(counting, link).route(
      [
        { userId: 'agent-1', role: 'agent' },
        { userId: 'mixed', role: 'agent' },
        { userId: 'agent-1', role: 'agent' },
      ],
      'message.new',
      { id: 'm' },
      { ack: true, internal: true },
    );
    expect(calls).toEqual([['agent-1', 'mixed']]);
    await waitFor(() => gateways.received().length === 2);
    expect(gateways.wsids()).toEqual(['agent-1-android', 'agent-1-desktop']);
    expect(result).toMatchObject({ sockets: 2, gateways: 2, pushTo: [] });
  });

  it('reports offline members to push, but never the ones marked unpushable', async () => {
    const result = await service.route(
      [
        { userId: 'gone-1', role: 'customer' },
        { userId: 'gone-2', role: 'customer', pushable: false },
        { userId: 'gone-agent', role: 'agent' },
      ],
      'message.new',
      {},
      { ack: true },
    );
    expect(result.pushTo.map((member) => member.userId)).toEqual(['gone-1']);
  });
});
