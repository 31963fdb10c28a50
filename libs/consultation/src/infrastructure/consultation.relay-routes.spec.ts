import { InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { type Envelope, parseEnvelope, TOPICS } from '@switchboard/contracts';
import { deriveEventId, handleCommand } from '@switchboard/es-core';
import { SqliteEventStore } from '@switchboard/event-store';
import { InMemoryCheckpointStore, Relay, silentRelayLogger } from '@switchboard/relay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AgentCommand,
  agentDecider,
  agentStream,
  type ConsultationAssigned,
  type ConsultationCommand,
  consultationDecider,
  consultationStream,
} from '../domain';
import { agentBatchDecider } from '../application/routing/agent-batch.decider';
import { autoReplyDecider, autoReplyStream } from '../domain/service-hours';
import { autoReplyMessage, CONSULTATION_RELAY_ROUTES } from './consultation.relay-routes';

describe('consultation relay routes', () => {
  let store: SqliteEventStore;
  let bus: InMemoryBus;
  let relay: Relay;

  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    bus = new InMemoryBus({ logger: silentBusLogger });
    relay = new Relay({
      name: 'relay',
      store,
      bus,
      checkpoints: new InMemoryCheckpointStore(),
      routes: CONSULTATION_RELAY_ROUTES,
      lingerMs: 0,
      logger: silentRelayLogger,
    });
  });
  afterEach(async () => {
    await relay.stop();
    await bus.close();
    await store.close();
  });

  const issue = (consultationId: string, triggerEventId: string) =>
    handleCommand(store, autoReplyStream(consultationId), autoReplyDecider, {
      type: 'issueAutoReply',
      data: {
        consultationId,
        conversationId: `conv-${consultationId}`,
        kind: 'greeting',
        text: 'Hello!',
        triggerEventId,
      },
      metadata: { commandId: `reply-${triggerEventId}`, now: new Date('2026-03-02T09:00:00Z') },
    });

  it('publishes AutoReplyIssued on consultation.events.v1 keyed by the consultation id', async () => {
    const received: { key: string; envelope: Envelope }[] = [];
    await bus.consume({ groupId: 'test', topics: [TOPICS.consultationEvents] }, async (message) => {
      received.push({ key: message.key, envelope: parseEnvelope(message.value) });
    });
    await store.appendToStream('consultation-c-1', [
      {
        id: '9b0f4a52-0c55-4f2e-8b52-2d9c4f1b7a01',
        type: 'ConsultationOpened',
        data: {
          consultationId: 'c-1',
          customerId: 'u-1',
          domain: 'travel',
          group: null,
          subject: null,
          context: {},
          conversationId: 'conv-c-1',
          at: '2026-01-01T00:00:00.000Z',
        },
      },
    ]);
    await issue('c-1', 'trigger-1');
    await issue('c-1', 'trigger-1'); // a redelivered trigger appends (and publishes) nothing
    await relay.start();
    for (let i = 0; i < 200 && received.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(received.map((r) => [r.key, r.envelope.type])).toEqual([
      ['c-1', 'ConsultationOpened'],
      ['c-1', 'AutoReplyIssued'],
    ]);
    expect(received[1].envelope).toMatchObject({
      streamId: 'auto-reply-c-1',
      data: { consultationId: 'c-1', conversationId: 'conv-c-1', kind: 'greeting', text: 'Hello!' },
    });
  });

  it('publishes a stored assignment (v5) as ConsultationAssigned v1 with its scores, followed by its TimerScheduled (D45, D48)', async () => {
    const received: Envelope[] = [];
    await bus.consume({ groupId: 'test', topics: [TOPICS.consultationEvents] }, async (message) => {
      received.push(parseEnvelope(message.value));
    });
    const decider = consultationDecider();
    const run = (type: string, data: object, n: number) =>
      handleCommand(store, consultationStream('c-2'), decider, {
        type,
        data,
        metadata: { commandId: `c-2-${n}`, now: new Date('2026-03-02T10:00:00Z') },
      } as ConsultationCommand);
    const open = {
      consultationId: 'c-2',
      customerId: 'u-2',
      domain: 'travel',
      conversationId: 'v-2',
    };
    await run('open', open, 0);
    const reason = {
      strategy: 'least-load',
      winner: 'agent-1',
      candidates: [
        { agentId: 'agent-1', load: 0, capacity: 5, weight: 1, score: 1, eligible: true },
        { agentId: 'agent-2', load: 2, capacity: 5, weight: 1, score: 0.6, eligible: true },
      ],
    };
    await run('assign', { agentId: 'agent-1', reason }, 1);
    const [stored] = await store.readStream(consultationStream('c-2'), { fromRevision: 1 });
    expect(stored!.type).toBe('ConsultationAssigned');
    expect(stored!.metadata.version).toBe(5);
    // Stored without the least-load scores (D48), published with them.
    const storedReason = (stored!.data as ConsultationAssigned['data']).reason;
    expect(Object.keys(storedReason.candidateColumns)).toEqual(['agentId', 'load']);
    expect(storedReason.candidateConstants).toEqual({ capacity: 5, weight: 1, eligible: true });
    await relay.start();
    for (let i = 0; i < 200 && received.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(received.map((e) => [e.type, e.version, e.revision])).toEqual([
      ['ConsultationOpened', 1, 0],
      ['ConsultationAssigned', 1, 1],
      ['TimerScheduled', 1, 1],
    ]);
    const [, assigned, timer] = received as [Envelope, Envelope, Envelope];
    // The public shapes as before v4: one object per candidate with its score, no timer id.
    expect(assigned.data).toEqual({
      consultationId: 'c-2',
      agentId: 'agent-1',
      group: null,
      reason,
      acceptDeadline: '2026-03-02T10:01:00.000Z',
      at: '2026-03-02T10:00:00.000Z',
    });
    expect(timer.data).toEqual({
      consultationId: 'c-2',
      timerId: 'c-2:accept_timeout:0',
      kind: 'accept_timeout',
      dueAt: '2026-03-02T10:01:00.000Z',
    });
    expect(assigned.id).toBe(stored!.id);
    expect(timer.id).toBe(deriveEventId(`${stored!.id}:accept-timer`, 0));
    expect(timer.id).not.toBe(assigned.id);
    expect(relay.stats.deadLettered).toBe(0);
  });

  it("publishes a drain's AgentConsultationsTaken as one AgentConsultationTaken per consultation (D47)", async () => {
    const received: { key: string; envelope: Envelope }[] = [];
    await bus.consume({ groupId: 'test', topics: [TOPICS.agentEvents] }, async (message) => {
      received.push({ key: message.key, envelope: parseEnvelope(message.value) });
    });
    const now = new Date('2026-03-02T11:00:00Z');
    const agent = (command: object, n: number) =>
      handleCommand(store, agentStream('ada'), agentDecider, {
        ...command,
        metadata: { commandId: `ada-${n}`, now },
      } as AgentCommand);
    const register = { agentId: 'ada', capacity: 5, groups: [], skills: [], weight: 1 };
    await agent({ type: 'register', data: register }, 0);
    await agent({ type: 'setStatus', data: { status: 'online' } }, 1);
    await agent({ type: 'takeConsultation', data: { consultationId: 'k-0' } }, 2);
    const takeMany = { consultationIds: ['k-1', 'k-2', 'k-0', 'k-3'] };
    await handleCommand(store, agentStream('ada'), agentBatchDecider, {
      type: 'takeMany',
      data: takeMany,
      metadata: { commandId: 'drain-1', now },
    });
    const stored = await store.readStream(agentStream('ada'));
    expect(stored.map((e) => e.type)).toEqual([
      'AgentRegistered',
      'AgentStatusChanged',
      'AgentConsultationTaken',
      'AgentConsultationsTaken',
    ]);
    await relay.start();
    for (let i = 0; i < 200 && received.length < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const takes = received.filter((r) => r.envelope.type === 'AgentConsultationTaken');
    // k-0 was held already: the batch left it out.
    expect(takes.map((r) => [r.key, r.envelope.data])).toEqual(
      ['k-0', 'k-1', 'k-2', 'k-3'].map((consultationId, i) => [
        'ada',
        { agentId: 'ada', consultationId, load: i + 1, capacity: 5, at: now.toISOString() },
      ]),
    );
    const drain = stored[3]!;
    expect(takes.slice(1).map((r) => r.envelope.id)).toEqual(
      [0, 1, 2].map((i) => deriveEventId(`${drain.id}:take`, i)),
    );
    expect(takes.slice(1).every((r) => r.envelope.revision === drain.revision)).toBe(true);
    expect(received).toHaveLength(6);
    expect(relay.stats.deadLettered).toBe(0);
  });

  it('leaves an auto-reply event without a consultation id out of the topic', () => {
    const event = {
      id: 'e',
      streamId: 'auto-reply-x',
      type: 'AutoReplyIssued',
      revision: 0,
      position: 1,
      data: { text: 'no id' },
      metadata: {},
      recordedAt: new Date(0),
    };
    expect(autoReplyMessage(event)).toBeNull();
    expect(autoReplyMessage({ ...event, data: { consultationId: 'x' } })?.key).toBe('x');
  });
});
