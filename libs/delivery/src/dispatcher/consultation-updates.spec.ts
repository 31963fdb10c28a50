import { InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { sampleData, TOPICS } from '@switchboard/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connection,
  envelope,
  messagePosted,
  NOW,
  publishEnvelope,
  RecordingGateways,
  waitFor,
} from '../../test/delivery.fixtures';
import { InMemoryConnectionRegistry } from '../connection-registry/in-memory.connection-registry';
import { DeliveryService } from '../fan-out/delivery.service';
import { InProcessGatewayLink } from '../gateway-link/in-process.gateway-link';
import type { ConsultationDirectory } from './consultation-parties';
import { Dispatcher } from './dispatcher';

const quiet = { warn: () => undefined, error: () => undefined };
const at = NOW.toISOString();

describe('Dispatcher: consultation.updated', () => {
  let bus: InMemoryBus;
  let link: InProcessGatewayLink;
  let registry: InMemoryConnectionRegistry;
  let gateways: RecordingGateways;
  let dispatcher: Dispatcher;

  async function start(directory?: ConsultationDirectory): Promise<void> {
    const delivery = new DeliveryService(registry, link);
    dispatcher = new Dispatcher({
      bus,
      delivery,
      clock: { now: () => NOW },
      logger: quiet,
      directory,
    });
    await dispatcher.start();
  }

  beforeEach(async () => {
    bus = new InMemoryBus({ logger: silentBusLogger });
    link = new InProcessGatewayLink(quiet);
    registry = new InMemoryConnectionRegistry({ now: () => NOW.getTime() });
    gateways = await RecordingGateways.on(link, 'gw-1');
    await registry.register(connection('cust-1', 'customer', 'ios', 'gw-1'));
    await registry.register(connection('agent-1', 'agent', 'desktop', 'gw-1'));
    await registry.register(connection('agent-2', 'agent', 'desktop', 'gw-1'));
  });

  afterEach(async () => {
    await dispatcher.stop();
    await bus.close();
    await link.close();
  });

  async function consultationEvent(type: string, data: Record<string, unknown>): Promise<void> {
    // A complete event of its contract (the dispatcher reads it through the registry), then the
    // fields this test is about.
    const complete = { ...sampleData(TOPICS.consultationEvents, type), consultationId: 'cons-1' };
    const event = envelope(type, { ...complete, at, ...data }, 'consultation-cons-1');
    await publishEnvelope(bus, TOPICS.consultationEvents, event);
  }

  /** (wsid, payload) of every consultation.updated, in arrival order. */
  const updates = (): [string, unknown][] =>
    gateways.received('consultation.updated').map((entry) => [entry.wsid, entry.payload]);

  it('tells the customer and the agent concerned, with the state of each event', async () => {
    await start();
    await consultationEvent('ConsultationOpened', {
      customerId: 'cust-1',
      domain: 'travel',
      group: null,
      subject: null,
      conversationId: 'conv-1',
    });
    await consultationEvent('ConsultationAssigned', { agentId: 'agent-1', group: null });
    await consultationEvent('ConsultationTransferred', {
      fromAgentId: 'agent-1',
      to: { agentId: 'agent-2' },
      by: 'agent-1',
    });
    await consultationEvent('ConsultationResolved', { agentId: 'agent-2' });
    await consultationEvent('ConsultationClosed', {
      by: 'system',
      reason: 'idle',
      agentId: 'agent-2',
    });
    await waitFor(() => dispatcher.counters.handled === 5);
    await waitFor(() => updates().length === 10);
    expect(updates()).toEqual([
      ['cust-1-ios', { id: 'cons-1', state: 'pending' }],
      ['cust-1-ios', { id: 'cons-1', state: 'assigned', agentId: 'agent-1' }],
      ['agent-1-desktop', { id: 'cons-1', state: 'assigned', agentId: 'agent-1' }],
      ['cust-1-ios', { id: 'cons-1', state: 'assigned', agentId: 'agent-2' }],
      ['agent-1-desktop', { id: 'cons-1', state: 'assigned', agentId: 'agent-2' }],
      ['agent-2-desktop', { id: 'cons-1', state: 'assigned', agentId: 'agent-2' }],
      ['cust-1-ios', { id: 'cons-1', state: 'resolved', agentId: 'agent-2' }],
      ['agent-2-desktop', { id: 'cons-1', state: 'resolved', agentId: 'agent-2' }],
      ['cust-1-ios', { id: 'cons-1', state: 'closed', agentId: 'agent-2' }],
      ['agent-2-desktop', { id: 'cons-1', state: 'closed', agentId: 'agent-2' }],
    ]);
  });

  it('a requeue goes back to pending for the customer and tells the agent who lost it', async () => {
    await start();
    await consultationEvent('ConsultationOpened', {
      customerId: 'cust-1',
      conversationId: 'conv-1',
    });
    await consultationEvent('ConsultationRequeued', {
      agentId: 'agent-1',
      reason: 'accept_timeout',
    });
    await waitFor(() => updates().length === 3);
    expect(updates().slice(1)).toEqual([
      ['cust-1-ios', { id: 'cons-1', state: 'pending' }],
      ['agent-1-desktop', { id: 'cons-1', state: 'pending' }],
    ]);
  });

  it('started after the open, it learns the customer from a consultation message', async () => {
    await start();
    await publishEnvelope(
      bus,
      TOPICS.imMessages,
      envelope(
        'MessagePosted',
        messagePosted({ recipients: [{ userId: 'cust-1', role: 'customer' }] }),
        's',
      ),
    );
    await waitFor(() => dispatcher.counters.handled === 1);
    await consultationEvent('ConsultationResolved', { agentId: 'agent-1' });
    await waitFor(() => updates().length === 2);
    expect(updates().map(([wsid]) => wsid)).toEqual(['cust-1-ios', 'agent-1-desktop']);
  });

  it('asks the directory for a consultation it has never seen', async () => {
    const asked: string[] = [];
    await start({
      partiesOf: (id) => {
        asked.push(id);
        return Promise.resolve({ customerId: 'cust-1' });
      },
    });
    await consultationEvent('ConsultationResolved', { agentId: 'agent-1' });
    await consultationEvent('ConsultationClosed', {
      by: 'agent',
      reason: 'done',
      agentId: 'agent-1',
    });
    await waitFor(() => updates().length === 4);
    expect(asked).toEqual(['cons-1']);
    expect(updates().map(([wsid]) => wsid)).toEqual([
      'cust-1-ios',
      'agent-1-desktop',
      'cust-1-ios',
      'agent-1-desktop',
    ]);
  });

  it('without a known customer, only the agent hears of it; rated and auto replies push nothing', async () => {
    await start();
    await consultationEvent('ConsultationResolved', { agentId: 'agent-1' });
    await consultationEvent('ConsultationRated', { score: 5, comment: null });
    await waitFor(() => dispatcher.counters.handled === 2);
    await waitFor(() => updates().length === 1);
    expect(updates()).toEqual([
      ['agent-1-desktop', { id: 'cons-1', state: 'resolved', agentId: 'agent-1' }],
    ]);
  });
});
