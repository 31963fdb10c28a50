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
const frozenV2 = JSON.parse(
  readFileSync(join(__dirname, 'test/fixtures/consultation-assigned.v2.json'), 'utf8'),
) as FrozenEvent;

function reasonOf(agents: number): AssignmentReason {
  const candidates = Array.from({ length: agents }, (_, i) => ({
    agentId: `agent-${i}`,
    load: i % 5,
    capacity: 20,
    weight: 1,
    score: (20 - (i % 5)) / 20, // least-load's free share, as the router computes it
    eligible: true, // as the router writes them: nobody at capacity yet
  }));
  return { strategy: 'least-load', candidates, winner: 'agent-0' };
}

describe('assignment reason, stored as columns and shared values (ConsultationAssigned v3)', () => {
  it('packs and unpacks without loss, fields a candidate lacks included', () => {
    const packed = packReason(v1Reason);
    expect(packed.candidateColumns.agentId).toEqual(['agent-1', 'agent-2', 'agent-3']);
    expect(packed.candidateColumns.whyNot).toEqual(['at_capacity', null, 'away']);
    expect(packed.candidateConstants).toBeUndefined(); // every field differs somewhere
    expect(unpackReason(packed)).toEqual(v1Reason);
    expect(isStoredReason(packed)).toBe(true);
    expect(isStoredReason(v1Reason)).toBe(false);
  });

  it('stores a value every candidate shares once, and gives it back to each', () => {
    const reason = reasonOf(50);
    const packed = packReason(reason);
    expect(packed.candidateConstants).toEqual({ capacity: 20, weight: 1, eligible: true });
    // No least-load scores either (v5, D48): each is (capacity - load) / capacity.
    expect(Object.keys(packed.candidateColumns)).toEqual(['agentId', 'load']);
    expect(unpackReason(packed)).toEqual(reason);
  });

  it('derives least-load scores back, 0 for a candidate that was not eligible', () => {
    const reason: AssignmentReason = {
      strategy: 'least-load',
      winner: 'a',
      candidates: [
        { agentId: 'a', load: 11, capacity: 20, weight: 1, score: 0.45, eligible: true },
        {
          agentId: 'b',
          load: 3,
          capacity: 3,
          weight: 1,
          score: 0,
          eligible: false,
          whyNot: 'at_capacity',
        },
        { agentId: 'c', load: 1, capacity: 3, weight: 2, score: 2 / 3, eligible: true },
      ],
    };
    const packed = packReason(reason);
    expect(packed.candidateColumns.score).toBeUndefined();
    expect(packed.candidateConstants?.score).toBeUndefined();
    expect(unpackReason(packed)).toEqual(reason);
  });

  it.each([
    ['a score that is not the free share (two roundings)', 'least-load', 1 - 11 / 20, true],
    ['a strategy whose scores depend on earlier turns', 'weighted', 0.45, true],
    ['no eligibility to derive from', 'least-load', 0.45, undefined],
  ])('keeps the scores with %s', (_, strategy, score, eligible) => {
    const candidate = { agentId: 'a', load: 11, capacity: 20, weight: 1, score };
    const reason = {
      strategy,
      winner: 'a',
      candidates: [eligible === undefined ? candidate : { ...candidate, eligible }],
    } as AssignmentReason;
    const packed = packReason(reason);
    expect(packed.candidateColumns.score).toEqual([score]);
    expect(unpackReason(packed)).toEqual(reason);
  });

  it('keeps agent ids, loads and scores columns even for one candidate', () => {
    const one: AssignmentReason = {
      strategy: 'skills',
      candidates: [{ agentId: 'agent-3', load: 0, capacity: 2, weight: 1, score: 1 }],
      winner: 'agent-3',
    };
    const packed = packReason(one);
    expect(packed.candidateColumns).toEqual({ agentId: ['agent-3'], load: [0], score: [1] });
    expect(packed.candidateConstants).toEqual({ capacity: 2, weight: 1 });
    expect(unpackReason(packed)).toEqual(one);
  });

  it('keeps an empty candidate list (manual assignments)', () => {
    const manual: AssignmentReason = { strategy: 'manual', candidates: [], winner: 'ada' };
    expect(unpackReason(packReason(manual))).toEqual(manual);
  });

  it('stores 50 candidates in under 30% of the v1 JSON, and in 70% of v2', () => {
    const reason = reasonOf(50);
    const v3 = packReason(reason);
    const v2 = {
      ...v3,
      candidateConstants: undefined,
      candidateColumns: {
        ...v3.candidateColumns,
        capacity: Array(50).fill(20),
        weight: Array(50).fill(1),
        eligible: Array(50).fill(true),
      },
    };
    const length = (value: unknown) => JSON.stringify(value).length;
    expect(length(v3) / length(reason)).toBeLessThan(0.3);
    expect(length(v3) / length(v2)).toBeLessThan(0.7);
  });
});

describe('upcaster, against a frozen stored v1 event', () => {
  const stored = { type: frozen.type, version: frozen.metadata.version, data: frozen.data };

  it('turns v1 into v5 with the same candidates', () => {
    const upcast = upcastConsultationEvent(stored) as unknown as ConsultationAssigned;
    expect(upcast.version).toBe(5);
    expect(upcast.data.agentId).toBe('agent-2');
    expect(upcast.data.acceptDeadline).toBe(frozen.data.acceptDeadline);
    expect(unpackReason(upcast.data.reason)).toEqual(v1Reason);
  });

  it('leaves v5 and other events alone', () => {
    const v3 = upcastConsultationEvent(stored);
    expect(upcastConsultationEvent(v3)).toBe(v3);
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

  it('publishes v1 and v3 alike in the public v1 shape', () => {
    const fromV1 = publicAssignedData(1, frozen.data);
    const v3 = upcastConsultationEvent(stored);
    const fromV3 = publicAssignedData(3, v3.data);
    expect(fromV1).toEqual(frozen.data);
    expect(fromV3).toEqual(frozen.data);
  });
});

describe('upcaster, against a frozen stored v2 event (every field a column)', () => {
  const stored = { type: frozenV2.type, version: frozenV2.metadata.version, data: frozenV2.data };
  const candidates = (frozenV2.data.reason as { candidateColumns: { agentId: string[] } })
    .candidateColumns.agentId;

  it('reads as v5 with the same data: a v2 reason is one that shares nothing', () => {
    const upcast = upcastConsultationEvent(stored);
    expect(upcast.version).toBe(5);
    expect(upcast.data).toBe(frozenV2.data);
  });

  it('publishes the same public v1 shape as the v3 the decider writes now', () => {
    const published = publicAssignedData(2, frozenV2.data) as { reason: AssignmentReason };
    expect(published.reason.candidates.map((c) => c.agentId)).toEqual(candidates);
    expect(published.reason.candidates[1]).toEqual({
      agentId: 'agent-2',
      load: 1,
      capacity: 20,
      weight: 1,
      score: 0.95,
      eligible: true,
    });
    const now = packReason(published.reason);
    expect(now.candidateConstants).toEqual({ capacity: 20, weight: 1, eligible: true });
    expect(publicAssignedData(3, { ...frozenV2.data, reason: now })).toEqual(published);
  });
});
