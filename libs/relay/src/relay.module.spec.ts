import { type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BUS, type Bus, BusModule, type ConsumedMessage } from '@switchboard/bus';
import { parseEnvelope, TOPICS } from '@switchboard/contracts';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { PlatformConfigModule, validateEnv } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// Not re-exported by the event-store barrel (its owner decides); the app imports it the same way.
import { EventStoreModule } from '../../event-store/src/event-store.module';
import { appendEach, eventually } from '../test/relay.fixtures';
import { RelayModule } from './relay.module';
import { RelayService } from './relay.service';
import { SqliteCheckpointStore } from './sqlite/sqlite.checkpoint-store';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-relay-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

@Module({
  imports: [
    RelayModule.forFeature([{ streamPrefix: 'consultation-', topic: TOPICS.consultationEvents }]),
  ],
})
class ConsultationPublishingModule {}

@Module({
  imports: [RelayModule.forFeature([{ streamPrefix: 'agent-', topic: TOPICS.agentEvents }])],
})
class AgentPublishingModule {}

async function boot(filename: string, features: unknown[]): Promise<INestApplication> {
  const env = validateEnv({ NODE_ENV: 'test', SQLITE_FILENAME: filename, LOG_LEVEL: 'silent' });
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformConfigModule.forRoot(env),
      EventStoreModule.forRootAsync(),
      BusModule.forRootAsync(),
      RelayModule.forRootAsync(),
      ...(features as never[]),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

async function consume(app: INestApplication, topics: string[]): Promise<ConsumedMessage[]> {
  const received: ConsumedMessage[] = [];
  await app.get<Bus>(BUS).consume({ groupId: `g-${randomUUID()}`, topics }, async (message) => {
    received.push(message);
  });
  return received;
}

describe('RelayModule', () => {
  it('relays the routes every feature registered, and saves the checkpoint on shutdown', async () => {
    const filename = join(dir, 'a', 'switchboard.db');
    const app = await boot(filename, [ConsultationPublishingModule, AgentPublishingModule]);
    const received = await consume(app, [TOPICS.consultationEvents, TOPICS.agentEvents]);
    const store = app.get<EventStore>(EVENT_STORE);
    await appendEach(store, 'consultation-1', 3);
    const last = await appendEach(store, 'agent-7', 2);
    await appendEach(store, 'conversation-9', 1); // not routed: never seen by the relay
    await eventually(() => received.length === 5, 'five messages');
    expect(received.map((m) => `${m.topic}:${m.key}`).sort()).toEqual([
      'agent.events.v1:7',
      'agent.events.v1:7',
      'consultation.events.v1:1',
      'consultation.events.v1:1',
      'consultation.events.v1:1',
    ]);
    expect(app.get(RelayService).relay?.name).toBe('relay');
    await app.close();

    // The checkpoint lives in the event store's own file, at the last relayed event.
    const checkpoints = await SqliteCheckpointStore.open({ filename });
    expect(await checkpoints.load('relay')).toBe(last);
    await checkpoints.close();

    // A restart (with a fresh in-process bus) publishes only what is new: no flood.
    const again = await boot(filename, [ConsultationPublishingModule]);
    const after = await consume(again, [TOPICS.consultationEvents]);
    await appendEach(again.get<EventStore>(EVENT_STORE), 'consultation-1', 1);
    await eventually(() => after.length === 1, 'the new event');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(after.map((m) => parseEnvelope(m.value).revision)).toEqual([3]);
    await again.close();
  });

  it('starts no relay when no module registered a route', async () => {
    const app = await boot(join(dir, 'b', 'switchboard.db'), []);
    expect(app.get(RelayService).relay).toBeUndefined();
    await app.close();
  });
});
