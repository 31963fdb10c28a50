import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayQueuePositionNotifier } from '../src/queue/gateway-queue-position.notifier';
import {
  AGENT,
  CUSTOMER,
  eventually,
  type GatewayHarness,
  startGateway,
} from './support/gateway.harness';

describe('Presence and queue positions', () => {
  let gateway: GatewayHarness;

  afterEach(async () => {
    await gateway.close();
  });

  it("tells only the customer's agents when the first socket comes and the last one goes", async () => {
    gateway = await startGateway();
    gateway.handlers.respond('ListConsultations', () => ({
      items: [
        { id: 'k1', customerId: 'cust-1', state: 'assigned', agentId: 'agent-1' },
        { id: 'k2', customerId: 'cust-1', state: 'resolved', agentId: 'agent-2' },
        { id: 'k3', customerId: 'cust-1', state: 'closed', agentId: 'agent-3' },
        { id: 'k4', customerId: 'cust-1', state: 'pending', agentId: null },
        { id: 'k5', customerId: 'cust-9', state: 'assigned', agentId: 'agent-9' },
      ],
      nextCursor: null,
    }));
    const agent = await gateway.connect(AGENT, { deviceId: 'desk' });
    const first = await gateway.connect(CUSTOMER, { deviceId: 'phone' });
    const second = await gateway.connect(CUSTOMER, { deviceId: 'laptop' });
    await gateway.fanOut.waitFor((call) => call.event === 'presence');
    const presenceCalls = () => gateway.fanOut.calls.filter((call) => call.event === 'presence');
    expect(presenceCalls()).toEqual([
      {
        audience: [
          { userId: 'agent-1', role: 'agent' },
          { userId: 'agent-2', role: 'agent' },
        ],
        event: 'presence',
        payload: { userId: 'cust-1', online: true },
      },
    ]);
    first.disconnect();
    await eventually(() => gateway.registry.rows.size === 2, 'first socket gone');
    expect(presenceCalls()).toHaveLength(1);
    second.disconnect();
    await eventually(() => presenceCalls().length === 2, 'offline presence');
    expect(presenceCalls()[1].payload).toEqual({ userId: 'cust-1', online: false });
    expect(presenceCalls()[1].audience.map((member) => member.userId)).toEqual([
      'agent-1',
      'agent-2',
    ]);
    const lookup = gateway.handlers.of<{ filter: unknown }>('ListConsultations')[0];
    expect(lookup.filter).toEqual({ customerId: 'cust-1', limit: 200 });
    // Agents' own sockets never announce presence.
    expect(agent.connected).toBe(true);
  });

  it('sends consultation.updated with the queue position to each waiting customer', async () => {
    gateway = await startGateway();
    gateway.handlers.respond('GetConsultation', (query: { consultationId: string }) => ({
      id: query.consultationId,
      customerId: query.consultationId === 'k1' ? 'cust-1' : 'cust-2',
    }));
    // The consultation runtime finds it under its port's token.
    const notifier = gateway.app.get<GatewayQueuePositionNotifier>(QUEUE_POSITION_NOTIFIER);
    expect(notifier).toBeInstanceOf(GatewayQueuePositionNotifier);
    notifier.positionsChanged('travel', [
      { consultationId: 'k1', position: 1 },
      { consultationId: 'k2', position: 2 },
    ]);
    await eventually(() => gateway.fanOut.calls.length === 2, 'two notifications');
    expect(gateway.fanOut.calls).toEqual(
      expect.arrayContaining([
        {
          audience: [{ userId: 'cust-1', role: 'customer' }],
          event: 'consultation.updated',
          payload: { id: 'k1', state: 'pending', queuePosition: 1 },
        },
        {
          audience: [{ userId: 'cust-2', role: 'customer' }],
          event: 'consultation.updated',
          payload: { id: 'k2', state: 'pending', queuePosition: 2 },
        },
      ]),
    );
    // The customer of a consultation is looked up once.
    await notifier.notify('travel', { consultationId: 'k1', position: 3 });
    expect(gateway.handlers.of('GetConsultation')).toHaveLength(2);
  });

  it('a failing lookup sends nothing and throws nothing', async () => {
    gateway = await startGateway();
    gateway.handlers.respond('GetConsultation', () => {
      throw new Error('gone');
    });
    const notifier = gateway.app.get(GatewayQueuePositionNotifier);
    expect(() =>
      notifier.positionsChanged('q', [{ consultationId: 'x', position: 1 }]),
    ).not.toThrow();
    await notifier.notify('q', { consultationId: 'x', position: 1 });
    expect(gateway.fanOut.calls).toEqual([]);
  });
});
