import { packReason } from './assignment-reason.codec';
import { describe, expect, it } from 'vitest';
import { deciderSpec } from '@switchboard/testing';
import { DomainError, fold } from '@switchboard/es-core';
import {
  type AssignmentReason,
  type ConsultationCommand,
  type ConsultationEvent,
  ConsultationErrorCode as Code,
} from './index';
import {
  HISTORY,
  POLICY,
  REASON,
  T,
  command,
  decider,
  ev,
  plus,
} from './test/consultation.fixtures';

const given = (history: readonly ConsultationEvent[]) => deciderSpec(decider).given(history);
function run(history: readonly ConsultationEvent[], cmd: ConsultationCommand) {
  return [...history, ...decider.decide(cmd, fold(decider, history))];
}

describe('consultation decider', () => {
  it('the table fixtures are exactly what the decider produces', () => {
    const open = command(
      'open',
      {
        consultationId: 'c-1',
        customerId: 'cust-1',
        domain: 'hotel',
        group: 'vip',
        subject: 'Late check-in',
        context: { orderId: 'o-42' },
        conversationId: 'conv-1',
      },
      T.open,
    );
    let history = run([], open);
    expect(history).toEqual(HISTORY.pending);
    history = run(history, command('assign', { agentId: 'agent-1', reason: REASON }, T.assign));
    expect(history).toEqual(HISTORY.awaiting_accept);
    history = run(history, command('accept', { agentId: 'agent-1' }, T.accept));
    expect(history).toEqual(HISTORY.accepted);
    history = run(history, command('resolve', { by: 'agent-1' }, T.resolve));
    expect(history).toEqual(HISTORY.resolved);
    history = run(history, command('close', { by: 'customer', reason: 'done' }, T.close));
    expect(history).toEqual(HISTORY.closed);
  });

  describe('reopen', () => {
    const windowEnd = plus(T.resolve, POLICY.reopenWindowMs);
    it('inside the window, up to its last millisecond, goes back to the queue', () => {
      given(HISTORY.resolved)
        .when(command('reopen', { at: windowEnd }))
        .then([ev.reopened(windowEnd), ev.cancelled('auto_close_after_resolved', 3)]);
      const state = fold(decider, run(HISTORY.resolved, command('reopen', {})));
      expect(state).toMatchObject({
        status: 'pending',
        assignedAgentId: null,
        lastAgentId: 'agent-1',
        reopens: 1,
        resolvedAt: null,
      });
    });
    it('outside the window is rejected', () => {
      const error = given(HISTORY.resolved)
        .when(command('reopen', { at: plus(windowEnd, 1) }))
        .thenFails(Code.ReopenWindowExpired);
      expect(error.details).toMatchObject({
        resolvedAt: T.resolve,
        reopenWindowMs: POLICY.reopenWindowMs,
      });
    });
    it('the window from the command overrides the policy', () => {
      given(HISTORY.resolved)
        .when(command('reopen', { reopenWindowMs: 60_000 }))
        .thenFails(Code.ReopenWindowExpired);
    });
    it('a message from before the resolution does not reopen', () => {
      const error = given(HISTORY.resolved)
        .when(command('reopen', { at: plus(T.resolve, -1) }))
        .thenFails(Code.InvalidCommand);
      expect(error.kind).toBe('invalid_command');
    });
  });

  describe('transfer', () => {
    it('to an agent: a new assignment awaiting that agent’s accept', () => {
      const state = fold(
        decider,
        run(HISTORY.accepted, command('transfer', { to: { agentId: 'agent-2' }, by: 'sup-1' })),
      );
      expect(state).toMatchObject({
        status: 'assigned',
        accepted: false,
        assignedAgentId: 'agent-2',
        transfers: 1,
        assignments: 2,
      });
    });
    it('to a group: back in the queue of that group, with no timers running', () => {
      given(HISTORY.accepted)
        .when(command('transfer', { to: { group: 'refunds' }, by: 'agent-1' }))
        .then([
          {
            type: 'ConsultationTransferred',
            version: 1,
            data: {
              consultationId: 'c-1',
              fromAgentId: 'agent-1',
              to: { group: 'refunds' },
              by: 'agent-1',
              at: T.now,
            },
          },
          ev.cancelled('idle_warning', 1),
          ev.cancelled('idle_close', 2),
        ]);
      const state = fold(
        decider,
        run(HISTORY.accepted, command('transfer', { to: { group: 'refunds' }, by: 'agent-1' })),
      );
      expect(state).toMatchObject({
        status: 'pending',
        group: 'refunds',
        assignedAgentId: null,
        queuedAt: T.now,
        transfers: 1,
        pendingTimers: [],
      });
    });
    it('to the agent who already has it is rejected', () => {
      given(HISTORY.accepted)
        .when(command('transfer', { to: { agentId: 'agent-1' }, by: 'sup-1' }))
        .thenFails(Code.InvalidCommand);
    });
    it('carries a reason given by the caller', () => {
      const reason: AssignmentReason = {
        strategy: 'skills',
        candidates: [{ agentId: 'agent-3', load: 0, capacity: 2, weight: 1, score: 1 }],
        winner: 'agent-3',
      };
      const [, assigned] = decider.decide(
        command('transfer', { to: { agentId: 'agent-3' }, by: 'sup-1', reason }),
        fold(decider, HISTORY.accepted),
      );
      expect(assigned).toMatchObject({
        type: 'ConsultationAssigned',
        version: 5,
        data: { agentId: 'agent-3', reason: packReason(reason) },
      });
    });
  });

  describe('accept', () => {
    it('by another agent is a typed conflict', () => {
      const error = given(HISTORY.awaiting_accept)
        .when(command('accept', { agentId: 'agent-2' }))
        .thenFails(Code.NotAssignedToAgent);
      expect(error.kind).toBe('conflict');
      expect(error.details).toEqual({ agentId: 'agent-2', assignedAgentId: 'agent-1' });
    });
    it('a second time is a typed conflict', () => {
      expect(
        given(HISTORY.accepted)
          .when(command('accept', { agentId: 'agent-1' }))
          .thenFails(Code.AlreadyAccepted).kind,
      ).toBe('conflict');
    });
    it('out of 100 agents racing to accept, only the assigned one wins', () => {
      const state = fold(decider, HISTORY.awaiting_accept);
      const outcomes = Array.from({ length: 100 }, (_, i) => {
        try {
          return decider.decide(command('accept', { agentId: `agent-${i}` }), state)[0].type;
        } catch (error) {
          return (error as DomainError).code;
        }
      });
      expect(outcomes.filter((o) => o === 'ConsultationAccepted')).toHaveLength(1);
      expect(outcomes.filter((o) => o === Code.NotAssignedToAgent)).toHaveLength(99);
    });
  });

  it('requeue for an agent who no longer holds the assignment is a conflict, not a requeue', () => {
    given(HISTORY.awaiting_accept)
      .when(command('requeue', { reason: 'agent_offline', agentId: 'agent-9' }))
      .thenFails(Code.NotAssignedToAgent);
  });

  it('state keeps what metrics need over a whole lifecycle', () => {
    let history = run(
      HISTORY.accepted,
      command('recordActivity', { by: 'customer', at: '2026-03-02T09:02:00.000Z' }),
    );
    history = run(
      history,
      command('recordActivity', { by: 'agent', at: '2026-03-02T09:03:00.000Z' }),
    );
    history = run(
      history,
      command('recordActivity', { by: 'agent', at: '2026-03-02T09:04:00.000Z' }),
    );
    history = run(history, command('resolve', { by: 'agent-1' }, T.resolve));
    history = run(history, command('rate', { score: 4, comment: 'ok' }, T.close));
    expect(fold(decider, history)).toMatchObject({
      status: 'resolved',
      customerId: 'cust-1',
      domain: 'hotel',
      group: 'vip',
      conversationId: 'conv-1',
      openedAt: T.open,
      assignedAt: T.assign,
      acceptedAt: T.accept,
      firstAgentActivityAt: '2026-03-02T09:03:00.000Z',
      lastActivityAt: '2026-03-02T09:04:00.000Z',
      resolvedAt: T.resolve,
      rating: { score: 4, comment: 'ok', at: T.close },
      transfers: 0,
      assignments: 1,
    });
  });
});
