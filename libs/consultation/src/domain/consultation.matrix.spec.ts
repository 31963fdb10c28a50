import { describe, expect, it } from 'vitest';
import { deciderSpec } from '@switchboard/testing';
import {
  CONSULTATION_COMMAND_TYPES,
  type ConsultationCommand,
  type ConsultationCommandType,
  type ConsultationEvent,
  ConsultationErrorCode as Code,
  type ConsultationStateName,
} from './index';
import {
  CID,
  HISTORY,
  POLICY,
  REASON,
  STATE_NAMES,
  T,
  command,
  decider,
  ev,
  plus,
} from './test/consultation.fixtures';

/**
 * The whole transition table: every state × every command is either allowed (with the exact
 * events) or rejected (with the exact code). A new command or state without its cells fails
 * both the type check (Record keys) and the completeness test below.
 */
type Cell =
  | { readonly then: readonly ConsultationEvent[]; readonly when?: ConsultationCommand }
  | { readonly fails: string; readonly when?: ConsultationCommand };

const canonical: Record<ConsultationCommandType, () => ConsultationCommand> = {
  open: () =>
    command('open', {
      consultationId: CID,
      customerId: 'cust-1',
      domain: 'hotel',
      group: 'vip',
      subject: 'Late check-in',
      context: { orderId: 'o-42' },
      conversationId: 'conv-1',
    }),
  assign: () => command('assign', { agentId: 'agent-1', reason: REASON }),
  accept: () => command('accept', { agentId: 'agent-1' }),
  requeue: () => command('requeue', { reason: 'agent_offline', agentId: 'agent-1' }),
  transfer: () => command('transfer', { to: { agentId: 'agent-2' }, by: 'sup-1' }),
  resolve: () => command('resolve', { by: 'agent-1' }),
  reopen: () => command('reopen', {}),
  close: () => command('close', { by: 'customer', reason: 'done' }),
  rate: () => command('rate', { score: 5, comment: 'great' }),
  recordActivity: () => command('recordActivity', { by: 'customer', at: T.now }),
  fireTimer: () => command('fireTimer', { timerId: `${CID}:accept_timeout:0` }),
};

const invalid = { fails: Code.InvalidTransition };
const NOW = T.now;
const TRANSFER_REASON = { strategy: 'transfer', candidates: [], winner: 'agent-2' };
const idleFromNow = (seq: number) => [
  ev.scheduled('idle_warning', seq, plus(NOW, POLICY.idleWarningAfterMs)),
  ev.scheduled('idle_close', seq + 1, plus(NOW, POLICY.idleCloseAfterMs)),
];
const autoCloseDue = plus(T.resolve, POLICY.autoCloseAfterResolvedMs);

const matrix: Record<ConsultationStateName, Record<ConsultationCommandType, Cell>> = {
  initial: {
    open: { then: [ev.opened(NOW)] },
    assign: invalid,
    accept: invalid,
    requeue: invalid,
    transfer: invalid,
    resolve: invalid,
    reopen: invalid,
    close: invalid,
    rate: invalid,
    recordActivity: invalid,
    fireTimer: { then: [] },
  },
  pending: {
    open: { fails: Code.AlreadyOpened },
    assign: { then: [ev.assigned('agent-1', NOW)] },
    accept: invalid,
    requeue: invalid,
    transfer: invalid,
    resolve: invalid,
    reopen: invalid,
    close: { then: [ev.closed('customer', 'done', null, NOW)] },
    rate: invalid,
    recordActivity: { then: [ev.activity('customer', NOW)] },
    fireTimer: { then: [] },
  },
  awaiting_accept: {
    open: { fails: Code.AlreadyOpened },
    assign: { fails: Code.AlreadyAssigned },
    accept: {
      then: [ev.accepted('agent-1', NOW), ev.cancelled('accept_timeout', 0), ...idleFromNow(1)],
    },
    requeue: {
      then: [ev.requeued('agent-1', 'agent_offline', NOW), ev.cancelled('accept_timeout', 0)],
    },
    transfer: {
      then: [
        ev.transferred('agent-1', { agentId: 'agent-2' }, NOW),
        ev.assigned('agent-2', NOW, TRANSFER_REASON, 1),
        ev.cancelled('accept_timeout', 0),
      ],
    },
    resolve: { fails: Code.NotAccepted },
    reopen: invalid,
    close: {
      then: [ev.closed('customer', 'done', 'agent-1', NOW), ev.cancelled('accept_timeout', 0)],
    },
    rate: invalid,
    recordActivity: { then: [ev.activity('customer', NOW)] },
    fireTimer: {
      then: [ev.fired('accept_timeout', 0, NOW), ev.requeued('agent-1', 'accept_timeout', NOW)],
    },
  },
  accepted: {
    open: { fails: Code.AlreadyOpened },
    assign: { fails: Code.AlreadyAssigned },
    accept: { fails: Code.AlreadyAccepted },
    requeue: { fails: Code.AlreadyAccepted },
    transfer: {
      then: [
        ev.transferred('agent-1', { agentId: 'agent-2' }, NOW),
        ev.assigned('agent-2', NOW, TRANSFER_REASON, 3),
        ev.cancelled('idle_warning', 1),
        ev.cancelled('idle_close', 2),
      ],
    },
    resolve: {
      then: [
        ev.resolved(NOW),
        ev.cancelled('idle_warning', 1),
        ev.cancelled('idle_close', 2),
        ev.scheduled('auto_close_after_resolved', 3, plus(NOW, POLICY.autoCloseAfterResolvedMs)),
      ],
    },
    reopen: invalid,
    close: {
      then: [
        ev.closed('customer', 'done', 'agent-1', NOW),
        ev.cancelled('idle_warning', 1),
        ev.cancelled('idle_close', 2),
      ],
    },
    rate: invalid,
    // The idle timers re-arm themselves from the last activity when they come due.
    recordActivity: { then: [ev.activity('customer', NOW)] },
    fireTimer: {
      when: command('fireTimer', { timerId: `${CID}:idle_warning:1` }),
      then: [ev.fired('idle_warning', 1, NOW), ev.idleWarning(1, NOW)],
    },
  },
  resolved: {
    open: { fails: Code.AlreadyOpened },
    assign: invalid,
    accept: invalid,
    requeue: invalid,
    transfer: invalid,
    resolve: invalid,
    reopen: { then: [ev.reopened(NOW), ev.cancelled('auto_close_after_resolved', 3)] },
    close: {
      then: [
        ev.closed('customer', 'done', 'agent-1', NOW),
        ev.cancelled('auto_close_after_resolved', 3),
      ],
    },
    rate: { then: [ev.rated(5, 'great', NOW)] },
    recordActivity: invalid,
    fireTimer: {
      when: command('fireTimer', { timerId: `${CID}:auto_close_after_resolved:3` }, autoCloseDue),
      then: [
        ev.fired('auto_close_after_resolved', 3, autoCloseDue),
        ev.closed('system', 'resolved_timeout', 'agent-1', autoCloseDue),
      ],
    },
  },
  closed: {
    open: { fails: Code.AlreadyOpened },
    assign: invalid,
    accept: invalid,
    requeue: invalid,
    transfer: invalid,
    resolve: invalid,
    reopen: invalid,
    close: { fails: Code.AlreadyClosed },
    rate: { then: [ev.rated(5, 'great', NOW)] },
    recordActivity: invalid,
    fireTimer: {
      when: command('fireTimer', { timerId: `${CID}:auto_close_after_resolved:3` }, autoCloseDue),
      then: [],
    },
  },
};

describe('consultation transition table', () => {
  it('has a cell for every state × command, and nothing else', () => {
    const cells = STATE_NAMES.flatMap((state) =>
      Object.keys(matrix[state]).map((type) => `${state}/${type}`),
    );
    expect(STATE_NAMES).toHaveLength(6);
    expect(CONSULTATION_COMMAND_TYPES).toHaveLength(11);
    expect(new Set(cells).size).toBe(STATE_NAMES.length * CONSULTATION_COMMAND_TYPES.length);
    for (const state of STATE_NAMES) {
      expect(Object.keys(matrix[state]).sort()).toEqual([...CONSULTATION_COMMAND_TYPES].sort());
      for (const type of CONSULTATION_COMMAND_TYPES) {
        expect(matrix[state][type].when?.type ?? type).toBe(type);
      }
    }
  });

  describe.each(STATE_NAMES)('given %s', (state) => {
    it.each(CONSULTATION_COMMAND_TYPES)('when %s', (type) => {
      const cell = matrix[state][type];
      const spec = deciderSpec(decider)
        .given(HISTORY[state])
        .when(cell.when ?? canonical[type]());
      if ('then' in cell) {
        spec.then(cell.then);
        return;
      }
      const error = spec.thenFails(cell.fails);
      if (cell.fails === Code.InvalidTransition) {
        expect(error.kind).toBe('invalid_state');
        expect(error.details).toEqual({ state, command: type });
      }
    });
  });
});
