import { describe, expect, it } from 'vitest';
import { deciderSpec } from '@switchboard/testing';
import { DomainError, fold } from '@switchboard/es-core';
import {
  agentIdOf,
  agentStream,
  type ConsultationCommand,
  type ConsultationEvent,
  ConsultationErrorCode as Code,
  consultationDecider,
  consultationIdOf,
  consultationStream,
  DEFAULT_CONSULTATION_POLICY,
} from './index';
import { packReason, unpackReason } from './assignment-reason.codec';
import { type ConsultationAssigned } from './consultation.events';
import { HISTORY, REASON, T, command, decider, ev } from './test/consultation.fixtures';

const given = (history: readonly ConsultationEvent[]) => deciderSpec(decider).given(history);
function run(history: readonly ConsultationEvent[], cmd: ConsultationCommand) {
  return [...history, ...decider.decide(cmd, fold(decider, history))];
}

describe('consultation command data', () => {
  describe('rate', () => {
    it.each([0, 6, -1, 2.5, Number.NaN, '5' as unknown as number])(
      'score %s is invalid_command',
      (score) => {
        const error = given(HISTORY.resolved)
          .when(command('rate', { score }))
          .thenFails(Code.InvalidRating);
        expect(error.kind).toBe('invalid_command');
      },
    );
    it.each([1, 5] as const)('score %s is accepted, comment optional', (score) => {
      given(HISTORY.closed)
        .when(command('rate', { score }))
        .then([ev.rated(score, null, T.now)]);
    });
    it('only once', () => {
      given(run(HISTORY.resolved, command('rate', { score: 4 })))
        .when(command('rate', { score: 5 }))
        .thenFails(Code.AlreadyRated);
    });
    it('a comment of more than 2000 characters is invalid', () => {
      given(HISTORY.closed)
        .when(command('rate', { score: 3, comment: 'x'.repeat(2001) }))
        .thenFails(Code.InvalidRating);
    });
  });

  describe('assignment reason', () => {
    it('is preserved in the event, stored as columns', () => {
      const history = run(
        HISTORY.pending,
        command('assign', { agentId: 'agent-1', reason: REASON }),
      );
      expect(history[1]).toEqual(ev.assigned('agent-1', T.now, REASON));
      const assigned = history[1] as ConsultationAssigned;
      expect(assigned.version).toBe(5);
      expect(unpackReason(assigned.data.reason)).toEqual(REASON);
      expect(fold(decider, history)).toMatchObject({ assignedAgentId: 'agent-1' });
    });
    it.each([
      ['a winner other than the agent', { ...REASON, winner: 'agent-2' }],
      ['a winner outside the candidates', { ...REASON, candidates: REASON.candidates.slice(1) }],
      ['no strategy', { ...REASON, strategy: '' }],
      [
        'a non-numeric score',
        { ...REASON, candidates: [{ ...REASON.candidates[0], score: Number.NaN }] },
      ],
    ])('with %s is invalid', (_, reason) => {
      given(HISTORY.pending)
        .when(command('assign', { agentId: 'agent-1', reason }))
        .thenFails(Code.InvalidCommand);
    });

    it('already in columns (as the router builds it) is stored as it is', () => {
      const columns = packReason(REASON);
      const history = run(
        HISTORY.pending,
        command('assign', { agentId: 'agent-1', reason: columns }),
      );
      expect(history[1]).toEqual(ev.assigned('agent-1', T.now, REASON));
      expect((history[1] as ConsultationAssigned).data.reason).toBe(columns);
    });
    const packed = packReason(REASON);
    /** A least-load reason as the router stores it since v5 (D48): no scores. */
    const leastLoad = {
      strategy: 'least-load',
      winner: 'agent-1',
      candidateColumns: { agentId: ['agent-1', 'agent-2'], load: [0, 3], eligible: [true, false] },
      candidateConstants: { capacity: 3, weight: 1 },
    };
    const withoutScores = {
      invalid: [
        [
          'no scores for a strategy that does not derive them',
          { ...leastLoad, strategy: 'average' },
        ],
        [
          'no scores and no eligibility to derive them from',
          { ...leastLoad, candidateColumns: { agentId: ['agent-1', 'agent-2'], load: [0, 3] } },
        ],
        [
          'no scores and an eligibility that is not true or false',
          {
            ...leastLoad,
            candidateColumns: { ...leastLoad.candidateColumns, eligible: [true, 1] },
          },
        ],
      ] as [string, unknown][],
    };
    it('in columns without least-load scores (v5) is stored as it is, and read with them', () => {
      const history = run(
        HISTORY.pending,
        command('assign', { agentId: 'agent-1', reason: leastLoad }),
      );
      const assigned = history[1] as ConsultationAssigned;
      expect(assigned.data.reason).toBe(leastLoad);
      expect(unpackReason(assigned.data.reason).candidates.map((c) => c.score)).toEqual([1, 0]);
    });
    const withColumn = (field: string, column: unknown) => ({
      ...packed,
      candidateColumns: { ...packed.candidateColumns, [field]: column },
    });
    it.each([
      ['a winner other than the agent', { ...packed, winner: 'agent-2' }],
      ['a winner outside the candidates', withColumn('agentId', ['agent-3', 'agent-2'])],
      ['a blank agent id', withColumn('agentId', ['agent-1', ' '])],
      ['a column of another length', withColumn('load', [1])],
      ['a non-numeric score', withColumn('score', [0.8, Number.NaN])],
      [
        'no load, weight or score',
        { strategy: 'least_load', winner: 'agent-1', candidateColumns: { agentId: ['agent-1'] } },
      ],
      ['a shared agent id', { ...packed, candidateConstants: { agentId: 'agent-1' } }],
      [
        'a shared capacity that is not a number',
        { ...packed, candidateConstants: { capacity: '5' } },
      ],
      [
        'a shared capacity that is not finite',
        { ...packed, candidateConstants: { capacity: Infinity } },
      ],
      [
        'a field both shared and a column',
        { ...packed, candidateConstants: { capacity: 5, load: 1 } },
      ],
      ['a shared object', { ...packed, candidateConstants: { capacity: 5, note: {} } }],
      ['shared values that are a list', { ...packed, candidateConstants: [5] }],
      ['no strategy', { ...packed, strategy: '' }],
      ...withoutScores.invalid,
    ])('in columns, with %s is invalid', (_, reason) => {
      given(HISTORY.pending)
        .when(command('assign', { agentId: 'agent-1', reason: reason as typeof packed }))
        .thenFails(Code.InvalidCommand);
    });
  });

  it('open validates its data', () => {
    given([])
      .when(
        command('open', {
          consultationId: 'c-1',
          customerId: '',
          domain: 'hotel',
          conversationId: 'conv-1',
        }),
      )
      .thenFails(Code.InvalidCommand);
    given([])
      .when(
        command('open', {
          consultationId: 'c-1',
          customerId: 'x',
          domain: 'hotel',
          conversationId: 'conv-1',
          context: { deep: {} as unknown as string },
        }),
      )
      .thenFails(Code.InvalidCommand);
  });

  it('refuses a policy that makes no sense', () => {
    expect(() =>
      consultationDecider({ ...DEFAULT_CONSULTATION_POLICY, acceptTimeoutMs: 0 }),
    ).toThrow(DomainError);
    expect(() =>
      consultationDecider({
        ...DEFAULT_CONSULTATION_POLICY,
        idleWarningAfterMs: 600_000,
        idleCloseAfterMs: 600_000,
      }),
    ).toThrow(/shorter/);
  });

  it('stream names follow DESIGN and parse back', () => {
    expect(consultationStream('c-1')).toBe('consultation-c-1');
    expect(agentStream('a-1')).toBe('agent-a-1');
    expect(consultationIdOf('consultation-c-1')).toBe('c-1');
    expect(consultationIdOf('agent-a-1')).toBeNull();
    expect(agentIdOf('agent-a-1')).toBe('a-1');
    expect(agentIdOf('consultation-')).toBeNull();
  });
});
