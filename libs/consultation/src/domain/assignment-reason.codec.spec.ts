import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isStoredReason,
  packReason,
  publicAssignedData,
  unpackReason,
  upcastConsultationEvent,
} from './assignment-reason.codec';
import { type AssignmentReason, type ConsultationAssigned } from './consultation.events';
import { consultationDecider } from './consultation.decider';

interface FrozenEvent {
  readonly type: string;
  readonly metadata: { readonly version: number };
  readonly data: { readonly reason: unknown; readonly acceptDeadline: string };
}
const frozen = JSON.parse(
  readFileSync(join(__dirname, 'test/fixtures/consultation-assigned.v1.json'), 'utf8'),
) as FrozenEvent;
const v1Reason = frozen.data.reason as unknown as AssignmentReason;

function reasonOf(agents: number): AssignmentReason {
  const candidates = Array.from({ length: agents }, (_, i) => ({
    agentId: `agent-${i}`,
    load: i % 5,
    capacity: 20,
    weight: 1,
    score: 1 - (i % 5) / 20,
  }));
  return { strategy: 'least-load', candidates, winner: 'agent-0' };
}

describe('assignment reason, stored as columns (ConsultationAssigned v2)', () => {
  it('packs and unpacks without loss, fields a candidate lacks included', () => {
    const packed = packReason(v1Reason);
    expect(packed.candidateColumns.agentId).toEqual(['agent-1', 'agent-2', 'agent-3']);
    expect(packed.candidateColumns.whyNot).toEqual(['at_capacity', null, 'away']);
    expect(unpackReason(packed)).toEqual(v1Reason);
    expect(isStoredReason(packed)).toBe(true);
    expect(isStoredReason(v1Reason)).toBe(false);
  });

  it('keeps an empty candidate list (manual assignments)', () => {
    const manual: AssignmentReason = { strategy: 'manual', candidates: [], winner: 'ada' };
    expect(unpackReason(packReason(manual))).toEqual(manual);
  });

  it('stores 50 candidates in under 40% of the v1 JSON', () => {
    const reason = reasonOf(50);
    const v1 = JSON.stringify(reason).length;
    const v2 = JSON.stringify(packReason(reason)).length;
    expect(v2 / v1).toBeLessThan(0.4);
  });
});

describe('upcaster, against a frozen stored v1 event', () => {
  const stored = { type: frozen.type, version: frozen.metadata.version, data: frozen.data };

  it('turns v1 into v2 with the same candidates', () => {
    const upcast = upcastConsultationEvent(stored) as unknown as ConsultationAssigned;
    expect(upcast.version).toBe(2);
    expect(upcast.data.agentId).toBe('agent-2');
    expect(upcast.data.acceptDeadline).toBe(frozen.data.acceptDeadline);
    expect(unpackReason(upcast.data.reason)).toEqual(v1Reason);
  });

  it('leaves v2 and other events alone', () => {
    const v2 = upcastConsultationEvent(stored);
    expect(upcastConsultationEvent(v2)).toBe(v2);
    const other = { type: 'ConsultationAccepted', version: 1, data: {} };
    expect(upcastConsultationEvent(other)).toBe(other);
  });

  it('folds into the same state as the v2 the decider writes now', () => {
    const decider = consultationDecider();
    const opened = {
      type: 'ConsultationOpened',
      version: 1,
      data: {
        consultationId: 'c-frozen-1',
        customerId: 'u-1',
        domain: 'travel',
        group: 'vip',
        subject: null,
        context: {},
        conversationId: 'v-1',
        at: '2026-03-02T09:59:00.000Z',
      },
    } as const;
    const fromV1 = [opened, upcastConsultationEvent(stored)].reduce(
      (s, e) => decider.evolve(s, e as never),
      decider.initialState,
    );
    expect(fromV1).toMatchObject({ status: 'assigned', assignedAgentId: 'agent-2' });
  });

  it('publishes v1 and v2 alike in the public v1 shape', () => {
    const fromV1 = publicAssignedData(1, frozen.data);
    const v2 = upcastConsultationEvent(stored);
    const fromV2 = publicAssignedData(2, v2.data);
    expect(fromV1).toEqual(frozen.data);
    expect(fromV2).toEqual(frozen.data);
  });
});
