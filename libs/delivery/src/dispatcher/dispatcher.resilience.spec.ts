import { InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { TOPICS } from '@switchboard/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  connection,
  envelope,
  messagePosted,
  NOW,
  publishEnvelope,
  RecordingGateways,
  waitFor,
} from '../../test/delivery.fixtures';
import type { ConnectionRegistry } from '../connection-registry/connection-registry.port';
import { InMemoryConnectionRegistry } from '../connection-registry/in-memory.connection-registry';
import { DeliveryService } from '../fan-out/delivery.service';
import { InProcessGatewayLink } from '../gateway-link/in-process.gateway-link';
import { Dispatcher } from './dispatcher';

const quiet = { warn: () => undefined, error: () => undefined };

/** A registry whose next `failures` lookups reject, as a Redis outage would. */
class FlakyRegistry extends InMemoryConnectionRegistry {
  failures = 0;
  lookups = 0;
  override lookup(uids: readonly string[]): ReturnType<ConnectionRegistry['lookup']> {
    this.lookups += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('registry unavailable'));
    }
    return super.lookup(uids);
  }
}

describe('Dispatcher: failures and domain settings', () => {
  let bus: InMemoryBus;
  let registry: FlakyRegistry;
  let link: InProcessGatewayLink;
  let gateways: RecordingGateways;
  let dispatcher: Dispatcher;

  beforeEach(async () => {
    bus = new InMemoryBus({ logger: silentBusLogger, redeliveryBackoffMs: 5 });
    registry = new FlakyRegistry({ now: () => NOW.getTime() });
    link = new InProcessGatewayLink(quiet);
    gateways = await RecordingGateways.on(link, 'gw-1');
    const delivery = new DeliveryService(registry, link, { mutedSystemPushDomains: ['shop'] });
    dispatcher = new Dispatcher({ bus, delivery, clock: { now: () => NOW }, logger: quiet });
    await dispatcher.start();
  });

  afterEach(async () => {
    await dispatcher.stop();
    await bus.close();
    await link.close();
  });

  it('an unavailable registry makes the bus redeliver; the message arrives once, later', async () => {
    const pushes = await collect(bus, TOPICS.pushRequests);
    registry.failures = 2;
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    const data = messagePosted({
      recipients: [
        { userId: 'cust-1', role: 'customer' },
        { userId: 'cust-2', role: 'customer' },
      ],
    });
    await publishEnvelope(bus, TOPICS.imMessages, envelope('MessagePosted', data, 's'));
    await waitFor(() => dispatcher.counters.handled === 1 && pushes.length === 1);
    expect(registry.lookups).toBe(3);
    expect(gateways.wsids()).toEqual(['cust-1-web']);
    expect(dispatcher.counters.deadLettered).toBe(0);
  });

  it('system messages reach live devices in a muted domain but are pushed only elsewhere', async () => {
    const pushes = await collect(bus, TOPICS.pushRequests);
    await registry.register(connection('cust-1', 'customer', 'android', 'gw-1'));
    const system = (domain: string, conversationId: string) =>
      messagePosted({
        conversationId,
        senderId: 'system',
        senderRole: 'system',
        type: 'system',
        text: 'Your agent has joined',
        domain,
        recipients: [
          { userId: 'cust-1', role: 'customer' },
          { userId: 'cust-off', role: 'customer' },
        ],
      });
    await publishEnvelope(
      bus,
      TOPICS.imMessages,
      envelope('MessagePosted', system('shop', 'c-1'), 's'),
    );
    await publishEnvelope(
      bus,
      TOPICS.imMessages,
      envelope('MessagePosted', system('travel', 'c-2'), 's'),
    );
    await waitFor(() => dispatcher.counters.handled === 2 && pushes.length === 1);
    expect(gateways.wsids()).toEqual(['cust-1-android', 'cust-1-android']);
    // Give a wrongly published second request the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pushes).toHaveLength(1);
    const push = JSON.parse(pushes[0].value) as { data: { userId: string; domain: string } };
    expect(push.data).toMatchObject({ userId: 'cust-off', domain: 'travel' });
  });
});
