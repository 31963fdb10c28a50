import type { ConsultationFactData } from '@switchboard/data';
import { describe, expect, it } from 'vitest';
import { FactsBuilder } from '../../test/customer-facts.builder';
import { customerStory } from '../../test/customer-story.fixture';
import { mayViewCustomer, seesInternalNotes, type Viewer } from './customer-access.policy';
import { summarizeConsultation, summarizeConsultations } from './customer-facts';

type Step = {
  [K in keyof ConsultationFactData]: [K, ConsultationFactData[K]];
}[keyof ConsultationFactData];

const assigned = (agentId: string): Step => ['assigned', { agentId, group: null }];
const STEPS = {
  accepted: ['accepted', { agentId: 'a' }] as Step,
  requeued: ['requeued', { agentId: 'a', reason: 'accept_timeout' }] as Step,
  toGroup: ['transferred', { fromAgentId: 'a', toAgentId: null, toGroup: 'g', by: 'a' }] as Step,
  toB: ['transferred', { fromAgentId: 'a', toAgentId: 'b', toGroup: null, by: 'a' }] as Step,
  resolved: ['resolved', { agentId: 'a' }] as Step,
  reopened: ['reopened', { previousAgentId: 'a' }] as Step,
  closed: ['closed', { by: 'system', reason: 'inactivity', agentId: 'a' }] as Step,
  rated: ['rated', { score: 4, comment: null }] as Step,
};

function summaryAfter(steps: readonly Step[]) {
  const builder = new FactsBuilder().opened('2026-01-01T00:00:00.000Z', 'K', 'c');
  steps.forEach(([kind, data], i) =>
    builder.consultation('K', `2026-01-01T00:00:0${i + 1}.000Z`, kind, data as never),
  );
  const { status, agentId } = summarizeConsultation('K', builder.of('c').consultations.get('K')!);
  return { status, agentId };
}

describe('who holds a consultation, folded from its facts', () => {
  it.each<{ name: string; steps: Step[]; status: string; agentId: string | null }>([
    { name: 'opened', steps: [], status: 'pending', agentId: null },
    { name: 'assigned', steps: [assigned('a')], status: 'assigned', agentId: 'a' },
    { name: 'accepted', steps: [assigned('a'), STEPS.accepted], status: 'assigned', agentId: 'a' },
    {
      name: 'requeued',
      steps: [assigned('a'), STEPS.accepted, STEPS.requeued],
      status: 'pending',
      agentId: null,
    },
    {
      name: 'transferred to a group',
      steps: [assigned('a'), STEPS.toGroup],
      status: 'pending',
      agentId: null,
    },
    {
      name: 'transferred to an agent',
      steps: [assigned('a'), STEPS.toB, assigned('b')],
      status: 'assigned',
      agentId: 'b',
    },
    {
      name: 'resolved (kept)',
      steps: [assigned('a'), STEPS.resolved],
      status: 'resolved',
      agentId: 'a',
    },
    {
      name: 'reopened',
      steps: [assigned('a'), STEPS.resolved, STEPS.reopened],
      status: 'pending',
      agentId: null,
    },
    { name: 'closed', steps: [assigned('a'), STEPS.closed], status: 'closed', agentId: null },
    {
      name: 'reopened, back to a',
      steps: [assigned('a'), STEPS.resolved, STEPS.reopened, assigned('a')],
      status: 'assigned',
      agentId: 'a',
    },
    {
      name: 'closed, then rated',
      steps: [assigned('a'), STEPS.resolved, STEPS.closed, STEPS.rated],
      status: 'closed',
      agentId: null,
    },
  ])('$name → $status, held by $agentId', ({ steps, status, agentId }) => {
    expect(summaryAfter(steps)).toEqual({ status, agentId });
  });

  it('folds facts in time order, whatever order the store gave them in', () => {
    const facts = new FactsBuilder()
      .opened('2026-01-01T00:00:00.000Z', 'K', 'c')
      .consultation('K', '2026-01-01T00:00:01.000Z', 'assigned', { agentId: 'a', group: null })
      .consultation('K', '2026-01-01T00:00:02.000Z', 'closed', {
        by: 'agent',
        reason: 'done',
        agentId: 'a',
      })
      .of('c')
      .consultations.get('K')!;
    expect(summarizeConsultation('K', [...facts].reverse())).toMatchObject({ status: 'closed' });
  });
});

describe('mayViewCustomer (story: a-1 holds resolved K2; a-2 and a-3 held K1, K4, now closed)', () => {
  const consultations = summarizeConsultations(customerStory('c-1').of('c-1'));
  const viewer = (role: Viewer['role'], userId: string): Viewer => ({ role, userId });

  it.each<[Viewer, boolean, string]>([
    [viewer('customer', 'c-1'), true, 'the customer themselves'],
    [viewer('customer', 'c-2'), false, 'another customer'],
    [viewer('agent', 'a-1'), true, 'the agent holding K2 (resolved, not closed)'],
    [viewer('agent', 'a-2'), false, 'an agent who resolved K1, since closed'],
    [viewer('agent', 'a-3'), false, 'an agent requeued off K2 whose K4 is closed'],
    [viewer('agent', 'c-1'), false, 'an agent whose id is the customer id'],
    [viewer('supervisor', 's-1'), true, 'a supervisor'],
    [viewer('admin', 'ad-1'), true, 'an admin'],
  ])('%o → %s (%s)', (who, allowed, _why) => {
    expect(mayViewCustomer(who, 'c-1', consultations)).toBe(allowed);
  });

  it('an agent gains access on assignment and loses it when the consultation is closed', () => {
    const builder = new FactsBuilder().opened('2026-02-01T00:00:00.000Z', 'K', 'c-5');
    const agent = viewer('agent', 'a-9');
    const allowed = () => mayViewCustomer(agent, 'c-5', summarizeConsultations(builder.of('c-5')));
    expect(allowed()).toBe(false);
    builder.consultation('K', '2026-02-01T00:01:00.000Z', 'assigned', {
      agentId: 'a-9',
      group: null,
    });
    expect(allowed()).toBe(true);
    builder.consultation('K', '2026-02-01T00:09:00.000Z', 'closed', {
      by: 'agent',
      reason: 'done',
      agentId: 'a-9',
    });
    expect(allowed()).toBe(false);
  });

  it('customers never see internal notes; every staff role does', () => {
    expect(
      (['customer', 'agent', 'supervisor', 'admin'] as const).map((role) =>
        seesInternalNotes(viewer(role, 'x')),
      ),
    ).toEqual([false, true, true, true]);
  });
});
