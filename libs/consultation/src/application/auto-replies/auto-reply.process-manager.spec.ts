import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommand } from '@switchboard/es-core';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { FixedClock } from '@switchboard/testing';
import {
  autoReplyStream,
  type BusinessHours,
  serviceSettingsDecider,
  serviceSettingsStream,
  type ServiceSettingsCommand,
} from '../../domain/service-hours';
import { AutoReplier } from './auto-reply.process-manager';

const clock = new FixedClock('2026-12-04T10:00:00.000Z');
const hours: BusinessHours = {
  timezone: 'Europe/Berlin',
  weekly: { mon: [{ open: '09:00', close: '17:00' }], fri: [{ open: '09:00', close: '17:00' }] },
  holidays: [],
};
const templates = {
  greeting: 'Hello!',
  queueMessage: 'You are number {position}',
  outOfHoursMessage: 'Closed. We open {nextOpening}.',
};

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('AutoReplier', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
  });
  afterAll(() => store.close());

  const settings = (command: Omit<ServiceSettingsCommand, 'metadata'>) =>
    handleCommand(store, serviceSettingsStream(command.data.key), serviceSettingsDecider, {
      ...command,
      metadata: { commandId: randomUUID(), now: clock.now() },
    } as ServiceSettingsCommand);

  const open = async (group: string, at: string, domain = 'travel'): Promise<string> => {
    const consultationId = randomUUID();
    await store.appendToStream(`consultation-${consultationId}`, [
      {
        id: randomUUID(),
        type: 'ConsultationOpened',
        data: {
          consultationId,
          customerId: 'cust-1',
          domain,
          group,
          subject: null,
          context: {},
          conversationId: `conv-${consultationId}`,
          at,
        },
      },
    ]);
    return consultationId;
  };
  const replies = async (id: string) =>
    (await store.readStream(autoReplyStream(id))).map((e) => e.data as Record<string, unknown>);

  it('greets in hours, answers out of hours with the next opening, once across a restart', async () => {
    const group = `g-${randomUUID().slice(0, 8)}`;
    await settings({ type: 'setBusinessHours', data: { key: `group:${group}`, hours } });
    await settings({ type: 'setAutoReplies', data: { key: `group:${group}`, templates } });
    const replier = new AutoReplier({ store, clock });
    await replier.start();
    // Fri 4 Dec 11:00 Berlin: open. Sat 5 Dec 11:00 Berlin: closed until Mon 7 Dec 09:00.
    const inHours = await open(group, '2026-12-04T10:00:00.000Z');
    const outOfHours = await open(group, '2026-12-05T10:00:00.000Z');
    await until(async () => (await replies(outOfHours)).length > 0);
    await until(async () => (await replies(inHours)).length > 0);
    await replier.stop();

    expect(await replies(inHours)).toMatchObject([{ kind: 'greeting', text: 'Hello!' }]);
    expect(await replies(outOfHours)).toMatchObject([
      {
        kind: 'out_of_hours',
        conversationId: `conv-${outOfHours}`,
        text: 'Closed. We open Mon, 7 Dec 2026, 09:00 (Europe/Berlin).',
      },
    ]);

    const before = (await store.readAll()).length;
    const restarted = new AutoReplier({ store, clock });
    await restarted.start();
    await restarted.stop();
    expect((await store.readAll()).length).toBe(before);
  });

  it('uses the settings as they were when the consultation opened', async () => {
    const group = `g-${randomUUID().slice(0, 8)}`;
    const early = await open(group, '2026-12-04T10:00:00.000Z');
    await settings({ type: 'setAutoReplies', data: { key: `group:${group}`, templates } });
    const late = await open(group, '2026-12-04T10:00:00.000Z');
    const replier = new AutoReplier({ store, clock });
    await replier.start();
    await replier.stop();
    expect(await replies(early)).toEqual([]);
    expect(await replies(late)).toMatchObject([{ kind: 'greeting' }]);
  });

  it('falls back to the domain settings and sends the queue position', async () => {
    const domain = `d-${randomUUID().slice(0, 8)}`;
    const domainKey = `domain:${domain}`;
    await settings({ type: 'setAutoReplies', data: { key: domainKey, templates } });
    const group = `g-${randomUUID().slice(0, 8)}`;
    const first = await open(group, '2026-12-04T10:00:00.000Z', domain);
    const second = await open(group, '2026-12-04T10:00:01.000Z', domain);
    const queue = `queue-group:${group}`;
    for (const [id, at] of [
      [first, '2026-12-04T10:00:00.000Z'],
      [second, '2026-12-04T10:00:01.000Z'],
    ]) {
      await store.appendToStream(queue, [
        {
          id: randomUUID(),
          type: 'ConsultationEnqueued',
          data: { consultationId: id, domain, group, at },
        },
      ]);
    }
    const replier = new AutoReplier({ store, clock });
    await replier.start();
    await replier.stop();
    expect(await replies(second)).toMatchObject([
      { kind: 'greeting' },
      { kind: 'queue_position', text: 'You are number 2' },
    ]);
    expect((await replies(first))[1]).toMatchObject({ text: 'You are number 1' });
  });

  it('tells each arrival its position reading the queue once, not its history per arrival', async () => {
    const domain = `d-${randomUUID().slice(0, 8)}`;
    await settings({ type: 'setAutoReplies', data: { key: `domain:${domain}`, templates } });
    const group = `g-${randomUUID().slice(0, 8)}`;
    const queue = `queue-group:${group}`;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const at = new Date(Date.parse('2026-12-04T10:00:00.000Z') + i * 1_000).toISOString();
      const id = await open(group, at, domain);
      ids.push(id);
      const data = { consultationId: id, domain, group, at };
      await store.appendToStream(queue, [{ id: randomUUID(), type: 'ConsultationEnqueued', data }]);
      if (i % 10 === 9) {
        // The head is served now and then: later arrivals' positions count from it.
        const head = ids[i - 9]!;
        await store.appendToStream(queue, [
          {
            id: randomUUID(),
            type: 'ConsultationDequeued',
            data: { consultationId: head, reason: 'assigned', agentId: 'ada', at },
          },
        ]);
      }
    }
    let queueEventsRead = 0;
    const counting = Object.create(store) as SqliteEventStore;
    counting.readStream = async (streamId, options) => {
      const events = await store.readStream(streamId, options);
      if (streamId === queue) queueEventsRead += events.length;
      return events;
    };
    const replier = new AutoReplier({ store: counting, clock });
    await replier.start();
    await replier.stop();
    const positions = await Promise.all(
      ids.map(async (id) => (await replies(id)).find((r) => r.kind === 'queue_position')?.text),
    );
    // Arrival i waits behind everyone before it but the heads served before it arrived.
    expect(positions).toEqual(ids.map((_, i) => `You are number ${i + 1 - Math.floor(i / 10)}`));
    expect(queueEventsRead).toBe(30 + 3 - 1); // every event once; the last dequeue is not needed
  });
});
