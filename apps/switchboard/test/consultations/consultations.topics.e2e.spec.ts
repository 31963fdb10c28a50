import { BUS, type Bus, type ConsumedMessage } from '@switchboard/bus';
import { parseEnvelope, TOPICS } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, eventually, startApi } from './consultations.fixture';

describe('consultation and agent events reach their public topics', () => {
  let api: Api;
  const received: ConsumedMessage[] = [];
  beforeAll(async () => {
    api = await startApi();
    const bus = api.harness.app.get<Bus>(BUS);
    await bus.consume(
      { groupId: 'analytics-test', topics: [TOPICS.consultationEvents, TOPICS.agentEvents] },
      async (message) => {
        received.push(message);
      },
    );
  });
  afterAll(() => api.harness.dispose());

  it('publishes ConsultationOpened keyed by the consultation id, as a valid v1 envelope', async () => {
    const customerId = api.id('customer');
    const id = await api.open(customerId);

    const message = await eventually(async () => {
      const found = received.find(
        (m) => m.topic === TOPICS.consultationEvents && m.key === id && m.value.includes('Opened'),
      );
      if (found === undefined) throw new Error('not yet published');
      return found;
    });
    const envelope = parseEnvelope(message.value, TOPICS.consultationEvents);
    expect(envelope).toMatchObject({
      type: 'ConsultationOpened',
      version: 1,
      streamId: `consultation-${id}`,
      revision: 0,
      data: { consultationId: id, customerId },
    });
  });

  it('publishes agent events on agent.events.v1 keyed by the agent id', async () => {
    const agentId = await api.onlineAgent();
    const types = await eventually(async () => {
      const mine = received.filter((m) => m.topic === TOPICS.agentEvents && m.key === agentId);
      const seen = mine.map((m) => parseEnvelope(m.value, TOPICS.agentEvents).type);
      if (!seen.includes('AgentStatusChanged')) throw new Error(`only ${seen.join(',')}`);
      return seen;
    });
    expect(types.slice(0, 2)).toEqual(['AgentRegistered', 'AgentStatusChanged']);
  });
});
