import { deriveEventId } from '@switchboard/es-core';
import { type EventStore, SqliteEventStore } from '@switchboard/event-store';
import { afterEach, describe, expect, it } from 'vitest';
import { WordListBannedWordsCheck } from '../../domain/quality';
import { AutomaticChecksProcessManager } from './automatic-checks.process-manager';
import { NoMessageTexts } from './quality.settings';

const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, second)).toISOString();

/** A hand-built history: opened at 0 s, assigned at 5 s, accepted at 10 s, closed at 59 min. */
async function consultation(store: EventStore, id: string, agentReplyAt: number | null) {
  const events: [string, Record<string, unknown>][] = [
    ['ConsultationOpened', { conversationId: `conv-${id}`, at: at(0) }],
    ['ConsultationAssigned', { agentId: 'ada', at: at(5) }],
    ['ConsultationAccepted', { agentId: 'ada', at: at(10) }],
    ['ConsultationActivityRecorded', { by: 'customer', at: at(12) }],
    ...(agentReplyAt === null
      ? []
      : [
          ['ConsultationActivityRecorded', { by: 'agent', at: at(agentReplyAt) }] as [
            string,
            Record<string, unknown>,
          ],
        ]),
    ['ConsultationClosed', { by: 'agent', reason: 'done', agentId: 'ada', at: at(3540) }],
  ];
  await store.appendToStream(
    `consultation-${id}`,
    events.map(([type, data], index) => ({
      id: deriveEventId(`history-${id}`, index),
      type,
      data: { consultationId: id, ...data },
      metadata: { version: 1 },
    })),
  );
}

async function greeting(store: EventStore, id: string) {
  await store.appendToStream(`auto-reply-${id}`, [
    {
      id: deriveEventId(`greeting-${id}`, 0),
      type: 'AutoReplyIssued',
      data: { consultationId: id, kind: 'greeting', text: 'Hello', triggerEventId: 'x', at: at(1) },
      metadata: { version: 1 },
    },
  ]);
}

const manager = (store: EventStore) =>
  new AutomaticChecksProcessManager({
    store,
    settings: { firstResponseSlaSeconds: 60, bannedWords: new WordListBannedWordsCheck([]) },
    texts: new NoMessageTexts(),
  });

const recorded = async (store: EventStore) =>
  (await store.readAll())
    .filter((e) => e.type === 'AutomaticChecksRecorded')
    .map((e) => ({ stream: e.streamId, id: e.id, data: e.data }));

describe('automatic checks process manager', () => {
  const stores: SqliteEventStore[] = [];
  const open = async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    stores.push(store);
    await consultation(store, 'fast', 70); // 60 s after accept: within SLA
    await consultation(store, 'slow', 71); // 61 s: breached
    await consultation(store, 'silent', null);
    await greeting(store, 'fast');
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('records the checks of every close', async () => {
    const store = await open();
    const pm = manager(store);
    await pm.start();
    await pm.stop();
    const byStream = Object.fromEntries((await recorded(store)).map((r) => [r.stream, r.data]));
    expect(byStream['qa-inspection-fast']).toMatchObject({
      firstResponseSeconds: 60,
      firstResponseWithinSla: true,
      greetingSent: true,
      bannedWordsAbsent: 'not_available',
      at: at(3540),
    });
    expect(byStream['qa-inspection-slow']).toMatchObject({
      firstResponseSeconds: 61,
      firstResponseWithinSla: false,
      greetingSent: false,
    });
    expect(byStream['qa-inspection-silent']).toMatchObject({
      firstResponseSeconds: null,
      firstResponseWithinSla: false,
    });
  });

  it('a rebuild from position 0 appends nothing and a fresh log gives identical results', async () => {
    const store = await open();
    const first = manager(store);
    await first.start();
    await first.stop();
    const before = await store.readAll();

    const again = manager(store);
    await again.start();
    await again.stop();
    expect(await store.readAll()).toEqual(before);

    const fresh = await open();
    const rebuilt = manager(fresh);
    await rebuilt.start();
    await rebuilt.stop();
    expect(await recorded(fresh)).toEqual(await recorded(store));
  });
});
