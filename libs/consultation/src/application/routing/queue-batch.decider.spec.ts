import { describe, expect, it } from 'vitest';
import { fold } from '@switchboard/es-core';
import { queueDecider, type QueueEvent } from '@switchboard/routing';
import { claimedBy, evolveQueue, foldQueue, queueBatchDecider } from './queue-batch.decider';

const metadata = { commandId: 'batch-1', now: new Date('2026-03-02T09:00:00.000Z') };
const entry = (id: string, at: string) => ({ consultationId: id, domain: 'travel', at });

describe('queue batch decider', () => {
  it('folds to exactly what queueDecider folds to, for arbitrary arrival orders', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    const events: QueueEvent[] = [];
    for (let i = 0; i < 400; i++) {
      const at = new Date(Date.UTC(2026, 2, 2, 9, 0, next() % 50)).toISOString();
      events.push({ type: 'ConsultationEnqueued', version: 1, data: entry(`c${i}`, at) });
      if (next() % 4 === 0) {
        const data = { consultationId: `c${next() % (i + 1)}`, reason: 'closed' as const, at };
        events.push({ type: 'ConsultationDequeued', version: 1, data });
      }
    }
    expect(fold(queueBatchDecider, events)).toEqual(fold(queueDecider, events));
    // A batch folded at once, onto a fresh or a deferred state, gives the same queue too.
    const half = events.length >> 1;
    const deferredHalf = events.slice(0, half).reduce(evolveQueue, queueDecider.initialState);
    expect(foldQueue(deferredHalf, events.slice(half))).toEqual(fold(queueDecider, events));
    expect(foldQueue(queueDecider.initialState, events)).toEqual(fold(queueDecider, events));
    const settled = fold(queueDecider, events.slice(0, half));
    expect(foldQueue(settled, events.slice(half))).toEqual(fold(queueDecider, events));
    expect(foldQueue(settled, [])).toBe(settled);
  });

  it('enqueues many at once, idempotently, and claims only those still waiting', () => {
    const entries = [
      entry('a', '2026-03-02T09:00:02.000Z'),
      entry('b', '2026-03-02T09:00:01.000Z'),
    ];
    const enqueued = queueBatchDecider.decide(
      { type: 'enqueueMany', data: { entries }, metadata },
      queueBatchDecider.initialState,
    );
    const state = fold(queueBatchDecider, enqueued);
    expect(state.entries.map((e) => e.consultationId)).toEqual(['b', 'a']);
    expect(
      queueBatchDecider.decide({ type: 'enqueueMany', data: { entries }, metadata }, state),
    ).toEqual([]);
    const claims = [
      { consultationId: 'a', agentId: 'ada' },
      { consultationId: 'gone', agentId: 'bob' },
      { consultationId: 'a', agentId: 'bob' },
    ];
    const claimed = queueBatchDecider.decide(
      { type: 'claimMany', data: { claims }, metadata },
      state,
    );
    expect(
      claimed.map((e) => [
        e.type,
        'consultationId' in e.data ? e.data.consultationId : null,
        'agentId' in e.data ? e.data.agentId : null,
      ]),
    ).toEqual([['ConsultationDequeued', 'a', 'ada']]);
  });

  it('decides a batch as queueDecider decides its items one by one, and earlier states stay put', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s)).toISOString();
    const start = fold(queueBatchDecider, [
      { type: 'ConsultationEnqueued', version: 1, data: entry('w1', at(5)) },
      { type: 'ConsultationEnqueued', version: 1, data: entry('w2', at(9)) },
    ]);
    const entries = [entry('n1', at(20)), entry('w1', at(5)), entry('back', at(7))];
    const enqueued = queueBatchDecider.decide(
      { type: 'enqueueMany', data: { entries }, metadata },
      start,
    );
    let oneByOne = start;
    const expected: QueueEvent[] = [];
    for (const e of entries) {
      const events = queueDecider.decide({ type: 'enqueue', data: e, metadata }, oneByOne);
      expected.push(...events);
      oneByOne = events.reduce(queueDecider.evolve, oneByOne);
    }
    expect(enqueued).toEqual(expected);
    const afterEnqueue = enqueued.reduce(queueBatchDecider.evolve, start);
    const claims = ['w1', 'back', 'w1', 'none'].map((id) => ({ consultationId: id, agentId: 'a' }));
    const claimed = queueBatchDecider.decide(
      { type: 'claimMany', data: { claims }, metadata },
      afterEnqueue,
    );
    expect([...claimedBy(claimed)]).toEqual(['w1', 'back']);
    const end = claimed.reduce(queueBatchDecider.evolve, afterEnqueue);
    expect(end.entries.map((e) => e.consultationId)).toEqual(['w2', 'n1']);
    // Folding on never changed a state handed out before.
    expect(afterEnqueue.entries.map((e) => e.consultationId)).toEqual(['w1', 'back', 'w2', 'n1']);
    expect(start.entries.map((e) => e.consultationId)).toEqual(['w1', 'w2']);
    expect(end).toEqual([...enqueued, ...claimed].reduce(queueDecider.evolve, start));
  });

  describe('arrivals claimed by the command that enqueues them', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s)).toISOString();
    const waitingLine = () =>
      fold(queueBatchDecider, [
        { type: 'ConsultationEnqueued', version: 1, data: entry('w1', at(1)) },
        { type: 'ConsultationEnqueued', version: 1, data: entry('w2', at(2)) },
      ]);

    it('are admitted in one event, never join the line; waiting ones are dequeued', () => {
      const start = waitingLine();
      const entries = [entry('n1', at(10)), entry('n2', at(11)), entry('n3', at(12))];
      const claims = [
        { consultationId: 'w1', agentId: 'ada' },
        { consultationId: 'n1', agentId: 'bob' },
        { consultationId: 'n2', agentId: 'ada' },
      ];
      const events = queueBatchDecider.decide(
        { type: 'enqueueAndClaim', data: { entries, claims }, metadata },
        start,
      );
      expect(events).toEqual([
        { type: 'ConsultationEnqueued', version: 1, data: entry('n3', at(12)) },
        {
          type: 'ConsultationDequeued',
          version: 1,
          data: { consultationId: 'w1', reason: 'assigned', agentId: 'ada', at: at(0) },
        },
        {
          type: 'ConsultationsAdmitted',
          version: 1,
          data: {
            admissions: [
              { consultationId: 'n1', agentId: 'bob' },
              { consultationId: 'n2', agentId: 'ada' },
            ],
            at: at(0),
          },
        },
      ]);
      expect([...claimedBy(events)].sort()).toEqual(['n1', 'n2', 'w1']);
      const after = foldQueue(start, events);
      expect(after.entries.map((e) => e.consultationId)).toEqual(['w2', 'n3']);
      // The plain queueDecider folds them the same way.
      expect(events.reduce(queueDecider.evolve, start)).toEqual(after);
    });

    it('an arrival that already waits keeps its place and is dequeued, not admitted', () => {
      const events = queueBatchDecider.decide(
        {
          type: 'enqueueAndClaim',
          data: {
            entries: [entry('w2', at(30)), entry('n1', at(31)), entry('n1', at(31))],
            claims: [
              { consultationId: 'w2', agentId: 'ada' },
              { consultationId: 'n1', agentId: 'bob' },
              { consultationId: 'n1', agentId: 'ada' },
            ],
          },
          metadata,
        },
        waitingLine(),
      );
      expect(events.map((e) => e.type)).toEqual(['ConsultationDequeued', 'ConsultationsAdmitted']);
      const admitted = events[1]!.data as { admissions: readonly unknown[] };
      // The same arrival twice is admitted once, to the agent of its first claim.
      expect(admitted.admissions).toEqual([{ consultationId: 'n1', agentId: 'bob' }]);
      expect(foldQueue(waitingLine(), events).entries.map((e) => e.consultationId)).toEqual(['w1']);
    });
  });
});
