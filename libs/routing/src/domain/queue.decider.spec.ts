import { describe, expect, it } from 'vitest';
import { fold } from '@switchboard/es-core';
import { deciderSpec, FixedClock } from '@switchboard/testing';
import { queueDecider } from './queue.decider';
import {
  type ConsultationEnqueued,
  type DequeueCommand,
  type EnqueueCommand,
  type QueueEvent,
  queueStreamId,
} from './queue.events';

const clock = new FixedClock('2026-03-01T09:00:00.000Z');
let commands = 0;
const metadata = () => ({ commandId: `cmd-${++commands}`, now: clock.now() });

const enqueue = (consultationId: string, extra: Partial<EnqueueCommand['data']> = {}) =>
  ({
    type: 'enqueue',
    data: { consultationId, domain: 'travel', ...extra },
    metadata: metadata(),
  }) as EnqueueCommand;
const dequeue = (data: DequeueCommand['data']): DequeueCommand => ({
  type: 'dequeue',
  data,
  metadata: metadata(),
});
const enqueued = (
  consultationId: string,
  at = '2026-03-01T09:00:00.000Z',
): ConsultationEnqueued => ({
  type: 'ConsultationEnqueued',
  version: 1,
  data: { consultationId, domain: 'travel', at },
});
const order = (history: readonly QueueEvent[]) =>
  fold(queueDecider, history).entries.map((entry) => entry.consultationId);

describe('queue decider', () => {
  const spec = deciderSpec(queueDecider);

  it('enqueue: the consultation joins, waiting since the command time', () => {
    spec
      .given([])
      .when(enqueue('c-1'))
      .then([enqueued('c-1')]);
  });

  it('enqueue: keeps group and skills for the drain, and a given time (normalised)', () => {
    spec
      .given([])
      .when(enqueue('c-1', { group: 'vip', requiredSkills: ['de'], at: '2026-03-01T08:59:00Z' }))
      .then([
        {
          type: 'ConsultationEnqueued',
          version: 1,
          data: {
            consultationId: 'c-1',
            domain: 'travel',
            group: 'vip',
            requiredSkills: ['de'],
            at: '2026-03-01T08:59:00.000Z',
          },
        },
      ]);
  });

  it('enqueue: a null group (as the consultation records it) is no group', () => {
    spec
      .given([])
      .when(enqueue('c-1', { group: null, requiredSkills: [] }))
      .then([enqueued('c-1')]);
  });

  it('enqueue is idempotent: already waiting → no event', () => {
    spec
      .given([enqueued('c-1'), enqueued('c-2')])
      .when(enqueue('c-1'))
      .then([]);
  });

  it('enqueue with an unreadable time is refused', () => {
    spec
      .given([])
      .when(enqueue('c-1', { at: 'yesterday' }))
      .thenFails('QUEUE_INVALID_AT');
  });

  it('dequeue assigned: records the agent and the time', () => {
    spec
      .given([enqueued('c-1')])
      .when(dequeue({ consultationId: 'c-1', reason: 'assigned', agentId: 'a-1' }))
      .then([
        {
          type: 'ConsultationDequeued',
          version: 1,
          data: {
            consultationId: 'c-1',
            reason: 'assigned',
            agentId: 'a-1',
            at: '2026-03-01T09:00:00.000Z',
          },
        },
      ]);
  });

  it.each(['abandoned', 'closed'] as const)('dequeue %s: no agent', (reason) => {
    spec
      .given([enqueued('c-1')])
      .when(dequeue({ consultationId: 'c-1', reason }))
      .then([
        {
          type: 'ConsultationDequeued',
          version: 1,
          data: { consultationId: 'c-1', reason, at: '2026-03-01T09:00:00.000Z' },
        },
      ]);
  });

  it('dequeue of a consultation not in the queue → typed not_found', () => {
    const error = spec
      .given([enqueued('c-1')])
      .when(dequeue({ consultationId: 'c-9', reason: 'abandoned' }))
      .thenFails('QUEUE_ENTRY_NOT_FOUND');
    expect(error.kind).toBe('not_found');
    expect(error.details).toEqual({ consultationId: 'c-9' });
  });

  it('dequeue twice: the second finds nothing (no double assignment)', () => {
    spec
      .given([
        enqueued('c-1'),
        {
          type: 'ConsultationDequeued',
          version: 1,
          data: { consultationId: 'c-1', reason: 'assigned', agentId: 'a-1', at: 'x' },
        },
      ])
      .when(dequeue({ consultationId: 'c-1', reason: 'assigned', agentId: 'a-2' }))
      .thenFails('QUEUE_ENTRY_NOT_FOUND');
  });

  it('dequeue assigned without an agent (an untyped caller) is refused', () => {
    const untyped = { consultationId: 'c-1', reason: 'assigned' } as DequeueCommand['data'];
    spec
      .given([enqueued('c-1')])
      .when(dequeue(untyped))
      .thenFails('QUEUE_AGENT_REQUIRED');
  });

  it('is FIFO: arrival order, and a consultation that left may come back at the tail', () => {
    const left: QueueEvent = {
      type: 'ConsultationDequeued',
      version: 1,
      data: { consultationId: 'c-1', reason: 'abandoned', at: 'x' },
    };
    expect(order([enqueued('c-1'), enqueued('c-2'), enqueued('c-3')])).toEqual([
      'c-1',
      'c-2',
      'c-3',
    ]);
    expect(order([enqueued('c-1'), enqueued('c-2'), left, enqueued('c-1')])).toEqual([
      'c-2',
      'c-1',
    ]);
  });

  it('a consultation put back with its original time keeps its place', () => {
    const history = [
      enqueued('c-2', '2026-03-01T09:01:00.000Z'),
      enqueued('c-3', '2026-03-01T09:02:00.000Z'),
      enqueued('c-1', '2026-03-01T09:00:30.000Z'),
      enqueued('c-4', '2026-03-01T09:02:00.000Z'),
    ];
    expect(order(history)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
  });

  describe('admit: arrivals handed out by the drain they arrive in', () => {
    const admit = (admissions: { consultationId: string; agentId: string }[]) =>
      ({ type: 'admit', data: { admissions }, metadata: metadata() }) as const;

    it('records all of them in one event and leaves the line as it was', () => {
      const admissions = [
        { consultationId: 'c-2', agentId: 'a-1' },
        { consultationId: 'c-3', agentId: 'a-2' },
      ];
      spec
        .given([enqueued('c-1')])
        .when(admit(admissions))
        .then([
          {
            type: 'ConsultationsAdmitted',
            version: 1,
            data: { admissions, at: '2026-03-01T09:00:00.000Z' },
          },
        ]);
      const history: QueueEvent[] = [
        enqueued('c-1'),
        { type: 'ConsultationsAdmitted', version: 1, data: { admissions, at: 'x' } },
        enqueued('c-4'),
      ];
      expect(order(history)).toEqual(['c-1', 'c-4']);
    });

    it('nothing to admit → no event', () => {
      spec.given([]).when(admit([])).then([]);
    });

    it.each([
      ['one that waits (it leaves by dequeue)', [{ consultationId: 'c-1', agentId: 'a-1' }]],
      [
        'the same one twice',
        [
          { consultationId: 'c-2', agentId: 'a-1' },
          { consultationId: 'c-2', agentId: 'a-2' },
        ],
      ],
      ['one without an agent', [{ consultationId: 'c-2', agentId: '' }]],
    ])('refuses %s', (_, admissions) => {
      const error = spec
        .given([enqueued('c-1')])
        .when(admit(admissions))
        .thenFails('QUEUE_ADMISSION_INVALID');
      expect(error.kind).toBe('invalid_command');
    });
  });

  it('names the stream after the routing key', () => {
    expect(queueStreamId('group:vip')).toBe('queue-group:vip');
  });
});
