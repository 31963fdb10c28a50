import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '@switchboard/event-store';
import { DEFAULT_HANDLE_TIME_MS, recordedAgents, recordedOpens } from './recorded-history';

let position = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
const event = (streamId: string, type: string, data: object): RecordedEvent => ({
  id: `e${++position}`,
  streamId,
  type,
  revision: 0,
  position,
  data,
  metadata: { version: 1 },
  recordedAt: new Date(0),
});
const opened = (id: string, minute: number) =>
  event(`consultation-${id}`, 'ConsultationOpened', {
    consultationId: id,
    at: at(minute),
    domain: 'travel',
    group: null,
  });
const step = (id: string, type: string, minute: number) =>
  event(`consultation-${id}`, type, { consultationId: id, at: at(minute) });

describe('recorded history for the routing simulation', () => {
  it('opens in open order, handle time from accept to resolve, median for the unhandled', () => {
    const opens = recordedOpens([
      opened('b', 2),
      opened('a', 1),
      step('a', 'ConsultationAssigned', 1),
      step('a', 'ConsultationAccepted', 3),
      step('a', 'ConsultationResolved', 9),
      step('a', 'ConsultationClosed', 20),
      step('b', 'ConsultationAssigned', 4),
      step('b', 'ConsultationClosed', 6),
      opened('c', 5),
    ]);
    expect(opens.map((o) => [o.consultationId, o.handleTimeMs / 60_000])).toEqual([
      ['a', 6],
      ['b', 2],
      ['c', 6],
    ]);
    expect(recordedOpens([opened('x', 0)])[0].handleTimeMs).toBe(DEFAULT_HANDLE_TIME_MS);
  });

  it('agents with their latest settings', () => {
    const agents = recordedAgents([
      event('agent-ada', 'AgentRegistered', {
        agentId: 'ada',
        name: null,
        capacity: 2,
        groups: ['vip'],
        skills: [],
        weight: 1,
        status: 'offline',
        at: at(0),
      }),
      event('agent-ada', 'AgentCapacityChanged', {
        agentId: 'ada',
        capacity: 4,
        previousCapacity: 2,
        load: 0,
        at: at(1),
      }),
    ]);
    expect(agents).toEqual([
      { agentId: 'ada', capacity: 4, weight: 1, groups: ['vip'], skills: [] },
    ]);
  });
});
