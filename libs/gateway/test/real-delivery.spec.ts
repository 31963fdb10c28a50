import { InMemoryConnectionRegistry } from '@switchboard/delivery/connection-registry/in-memory.connection-registry';
import { DeliveryService } from '@switchboard/delivery/fan-out/delivery.service';
import { InProcessGatewayLink } from '@switchboard/delivery/gateway-link/in-process.gateway-link';
import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { type QueuePositionNotifier } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSULTATION_ID, CONVERSATION_ID } from './support/fake-handlers';
import {
  AGENT,
  CUSTOMER,
  type GatewayHarness,
  request,
  startGateway,
} from './support/gateway.harness';

/** The next `event` a client receives. */
function next(client: ClientSocket, event: string): Promise<unknown> {
  return new Promise((resolve) => client.once(event, resolve));
}

/**
 * The gateway over the delivery context's embedded adapters (in-memory registry, in-process
 * link, DeliveryService as FAN_OUT): what `npm start` runs, end to end through real sockets.
 */
describe('SwitchboardGateway with the embedded delivery adapters', () => {
  let gateway: GatewayHarness;

  beforeEach(async () => {
    const registry = new InMemoryConnectionRegistry();
    const link = new InProcessGatewayLink();
    gateway = await startGateway(
      {},
      { registry, link, fanOut: new DeliveryService(registry, link) },
    );
  });

  afterEach(async () => {
    await gateway.close();
  });

  it('relays typing to the other members and the typist’s other device, not back to its socket', async () => {
    const agent = await gateway.connect(AGENT, { deviceId: 'desk' });
    const phone = await gateway.connect(CUSTOMER, { deviceId: 'phone', device: 'ios' });
    const laptop = await gateway.connect(CUSTOMER, { deviceId: 'laptop' });
    const echoed: unknown[] = [];
    phone.on('typing', (payload: unknown) => echoed.push(payload));
    const toAgent = next(agent, 'typing');
    const toLaptop = next(laptop, 'typing');
    const answer = await request(phone, 'typing', {
      conversationId: CONVERSATION_ID,
      typing: true,
    });
    expect(answer).toEqual({ ok: true });
    const expected = { conversationId: CONVERSATION_ID, userId: 'cust-1', typing: true };
    expect(await toAgent).toEqual(expected);
    expect(await toLaptop).toEqual(expected);
    // Round trip on the typist's socket: anything sent to it would have arrived before this.
    await request(phone, 'conversation.read', { conversationId: CONVERSATION_ID, seq: 0 });
    expect(echoed).toEqual([]);
  });

  it('tells the assigned agent when the customer comes online', async () => {
    gateway.handlers.respond('ListConsultations', () => ({
      items: [{ id: CONSULTATION_ID, customerId: 'cust-1', state: 'assigned', agentId: 'agent-1' }],
      nextCursor: null,
    }));
    const agent = await gateway.connect(AGENT, { deviceId: 'desk' });
    const presence = next(agent, 'presence');
    await gateway.connect(CUSTOMER, { deviceId: 'phone' });
    expect(await presence).toEqual({ userId: 'cust-1', online: true });
  });

  it('sends the waiting customer its queue position', async () => {
    const customer = await gateway.connect(CUSTOMER, { deviceId: 'phone' });
    const update = next(customer, 'consultation.updated');
    gateway.app
      .get<QueuePositionNotifier>(QUEUE_POSITION_NOTIFIER)
      .positionsChanged('travel', [{ consultationId: CONSULTATION_ID, position: 4 }]);
    expect(await update).toEqual({ id: CONSULTATION_ID, state: 'pending', queuePosition: 4 });
  });
});
