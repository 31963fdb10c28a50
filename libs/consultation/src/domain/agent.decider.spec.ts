import { describe, expect, it } from 'vitest';
import { deciderSpec } from '@switchboard/testing';
import { fold } from '@switchboard/es-core';
import {
  AGENT_COMMAND_TYPES,
  type AgentCommand,
  type AgentEvent,
  AgentErrorCode as Code,
  type AgentStatus,
  agentDecider,
  agentLoad,
  hasFreeCapacity,
} from './index';

const NOW = '2026-03-02T09:00:00.000Z';
const AT = '2026-03-02T08:00:00.000Z';
let counter = 0;
function command<K extends AgentCommand['type']>(
  type: K,
  data: Extract<AgentCommand, { type: K }>['data'],
): Extract<AgentCommand, { type: K }> {
  const metadata = { commandId: `a-cmd-${++counter}`, now: new Date(NOW) };
  return { type, data, metadata } as Extract<AgentCommand, { type: K }>;
}
const agentId = 'agent-1';
const registered = (capacity = 2, at = AT): AgentEvent => ({
  type: 'AgentRegistered',
  version: 1,
  data: {
    agentId,
    name: 'Ada',
    capacity,
    groups: ['vip'],
    skills: ['fr'],
    weight: 2,
    status: 'offline',
    at,
  },
});
const status = (
  to: AgentStatus,
  from: AgentStatus = 'offline',
  held: string[] = [],
  at = AT,
): AgentEvent => ({
  type: 'AgentStatusChanged',
  version: 1,
  data: { agentId, status: to, previousStatus: from, held, at },
});
const taken = (consultationId: string, load: number, capacity = 2, at = AT): AgentEvent => ({
  type: 'AgentConsultationTaken',
  version: 1,
  data: { agentId, consultationId, load, capacity, at },
});
const released = (consultationId: string, load: number): AgentEvent => ({
  type: 'AgentConsultationReleased',
  version: 1,
  data: { agentId, consultationId, load, reason: null, at: AT },
});
const capacityChanged = (
  capacity: number,
  previousCapacity: number,
  load: number,
  at = AT,
): AgentEvent => ({
  type: 'AgentCapacityChanged',
  version: 1,
  data: { agentId, capacity, previousCapacity, load, at },
});
const online = [registered(), status('online')];
const given = (history: readonly AgentEvent[]) => deciderSpec(agentDecider).given(history);
const take = (id: string) => command('takeConsultation', { consultationId: id });

describe('agent decider', () => {
  it('registers offline, with its settings', () => {
    given([])
      .when(
        command('register', {
          agentId,
          name: 'Ada',
          capacity: 2,
          groups: ['vip', 'vip'],
          skills: ['fr'],
          weight: 2,
        }),
      )
      .then([registered(2, NOW)]);
    given([registered()])
      .when(command('register', { agentId, capacity: 1, groups: [], skills: [], weight: 1 }))
      .thenFails(Code.AlreadyRegistered);
  });

  it.each(AGENT_COMMAND_TYPES.filter((t) => t !== 'register'))(
    '%s before register is AGENT_NOT_REGISTERED',
    (type) => {
      const error = given([])
        .when({ type, data: {}, metadata: { commandId: 'x', now: new Date(NOW) } } as AgentCommand)
        .thenFails(Code.NotRegistered);
      expect(error.kind).toBe('not_found');
    },
  );

  describe('takeConsultation by status', () => {
    it.each([
      ['online', [], { then: [taken('c-1', 1, 2, NOW)] }],
      ['away', [status('away')], { fails: Code.NotOnline }],
      ['offline', [status('online'), status('offline', 'online')], { fails: Code.NotOnline }],
    ] as const)('%s', (_, extra, outcome) => {
      const spec = given([registered(), ...(extra.length ? extra : [status('online')])]).when(
        take('c-1'),
      );
      if ('then' in outcome) spec.then(outcome.then);
      else spec.thenFails(outcome.fails);
    });
  });

  describe('capacity', () => {
    it.each([
      ['free slot', 2, ['c-1'], { then: [taken('c-2', 2, 2, NOW)] }],
      ['at capacity', 2, ['c-1', 'c-2'], { fails: Code.AtCapacity }],
      ['capacity 0', 0, [], { fails: Code.AtCapacity }],
    ] as const)('%s', (_, capacity, held, outcome) => {
      const history = [
        registered(capacity),
        status('online'),
        ...held.map((id, i) => taken(id, i + 1, capacity)),
      ];
      const spec = given(history).when(take(`c-${held.length + 1}`));
      if ('then' in outcome) spec.then(outcome.then);
      else
        expect(spec.thenFails(outcome.fails).details).toEqual({
          agentId,
          load: held.length,
          capacity,
        });
    });

    it('lowered below the current load: allowed, but no new take until load drops below it', () => {
      const history = [...online, taken('c-1', 1), taken('c-2', 2)];
      given(history)
        .when(command('setCapacity', { capacity: 1 }))
        .then([capacityChanged(1, 2, 2, NOW)]);
      const lowered = [...history, capacityChanged(1, 2, 2)];
      given(lowered).when(take('c-3')).thenFails(Code.AtCapacity);
      given([...lowered, released('c-1', 1)])
        .when(take('c-3'))
        .thenFails(Code.AtCapacity);
      given([...lowered, released('c-1', 1), released('c-2', 0)])
        .when(take('c-3'))
        .then([taken('c-3', 1, 1, NOW)]);
    });

    it('load is the set of held consultations: a redelivered event does not count twice', () => {
      const state = fold(agentDecider, [
        ...online,
        taken('c-1', 1),
        taken('c-1', 1),
        released('c-9', 0),
      ]);
      expect(agentLoad(state)).toBe(1);
      expect(hasFreeCapacity(state)).toBe(true);
      expect(state).toMatchObject({ held: ['c-1'] });
    });
  });

  it('take and release are idempotent by consultation id', () => {
    given([...online, taken('c-1', 1)])
      .when(take('c-1'))
      .then([]);
    given([...online, taken('c-1', 1), status('offline', 'online', ['c-1'])])
      .when(take('c-1'))
      .then([]);
    given(online)
      .when(command('releaseConsultation', { consultationId: 'c-1' }))
      .then([]);
    given([...online, taken('c-1', 1)])
      .when(command('releaseConsultation', { consultationId: 'c-1', reason: 'resolved' }))
      .then([
        {
          type: 'AgentConsultationReleased',
          version: 1,
          data: { agentId, consultationId: 'c-1', load: 0, reason: 'resolved', at: NOW },
        },
      ]);
  });

  it('going offline lists what the agent holds, so unaccepted ones can be requeued', () => {
    given([...online, taken('c-1', 1)])
      .when(command('setStatus', { status: 'offline' }))
      .then([status('offline', 'online', ['c-1'], NOW)]);
    given(online)
      .when(command('setStatus', { status: 'online' }))
      .then([]);
  });

  it.each([
    ['setStatus busy', command('setStatus', { status: 'busy' as AgentStatus }), Code.InvalidStatus],
    ['setCapacity -1', command('setCapacity', { capacity: -1 }), Code.InvalidCapacity],
    ['setCapacity 1.5', command('setCapacity', { capacity: 1.5 }), Code.InvalidCapacity],
    ['setWeight 0', command('setWeight', { weight: 0 }), Code.InvalidWeight],
    ['setWeight -2', command('setWeight', { weight: -2 }), Code.InvalidWeight],
    ['setGroups with a blank', command('setGroups', { groups: ['vip', ' '] }), Code.InvalidCommand],
    [
      'takeConsultation without id',
      command('takeConsultation', { consultationId: '' }),
      Code.InvalidCommand,
    ],
  ])('%s is invalid_command', (_, cmd, code) => {
    expect(given(online).when(cmd).thenFails(code).kind).toBe('invalid_command');
  });

  it('settings change only when they differ', () => {
    given(online)
      .when(command('setGroups', { groups: ['vip'] }))
      .then([]);
    given(online)
      .when(command('setSkills', { skills: ['fr', 'en'] }))
      .then([
        {
          type: 'AgentSkillsChanged',
          version: 1,
          data: { agentId, skills: ['fr', 'en'], at: NOW },
        },
      ]);
    given(online)
      .when(command('setWeight', { weight: 2 }))
      .then([]);
    given(online)
      .when(command('setWeight', { weight: 3 }))
      .then([{ type: 'AgentWeightChanged', version: 1, data: { agentId, weight: 3, at: NOW } }]);
    given(online)
      .when(command('setGroups', { groups: ['refunds', 'vip'] }))
      .then([
        {
          type: 'AgentGroupsChanged',
          version: 1,
          data: { agentId, groups: ['refunds', 'vip'], at: NOW },
        },
      ]);
  });
});
