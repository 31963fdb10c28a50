import { deciderSpec } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import {
  type AutomaticChecks,
  type Criterion,
  type CriterionScore,
  inspectionDecider,
  type InspectionCommand,
  type InspectionEvent,
  QualityErrorCode as Code,
} from './index';

const NOW = new Date('2026-01-05T10:00:00.000Z');
const CRITERIA: Criterion[] = [
  { criterionId: 'a', label: 'A', weight: 2, maxPoints: 10 },
  { criterionId: 'b', label: 'B', weight: 1, maxPoints: 5 },
  { criterionId: 'c', label: 'C', weight: 1, maxPoints: 5 },
];
const SCORES: CriterionScore[] = [
  { criterionId: 'a', points: 5, note: 'late hello' },
  { criterionId: 'b', points: 3 },
  { criterionId: 'c', points: 0 },
];
const apply = (scores: CriterionScore[] = SCORES, templateId = 'tpl-1'): InspectionCommand => ({
  type: 'applyScorecard',
  data: {
    consultationId: 'c-1',
    templateId,
    templateVersion: 2,
    criteria: CRITERIA,
    scores,
    inspectorId: 'sup-1',
  },
  metadata: { commandId: 'cmd-1', now: NOW },
});
const given = (history: InspectionEvent[]) => deciderSpec(inspectionDecider).given(history);
const applied = (): InspectionEvent =>
  inspectionDecider.decide(apply(), inspectionDecider.initialState)[0];

describe('inspection decider', () => {
  it('weights 2/1/1 with points 5/10, 3/5, 0/5 → 100 × (2×0.5 + 0.6 + 0) / 4 = 40', () =>
    given([])
      .when(apply())
      .then([
        {
          type: 'ScorecardApplied',
          version: 1,
          data: {
            consultationId: 'c-1',
            templateId: 'tpl-1',
            templateVersion: 2,
            inspectorId: 'sup-1',
            criteria: [
              { ...CRITERIA[0], points: 5, note: 'late hello' },
              { ...CRITERIA[1], points: 3, note: null },
              { ...CRITERIA[2], points: 0, note: null },
            ],
            total: 40,
            at: NOW.toISOString(),
          },
        },
      ]));

  it('rounds to 2 decimals: 1/3 of the points is 33.33, 2/3 is 66.67', () => {
    const one: Criterion[] = [{ criterionId: 'a', label: 'A', weight: 1, maxPoints: 3 }];
    const total = (points: number) => {
      const cmd = apply([{ criterionId: 'a', points }]);
      const data = { ...cmd.data, criteria: one } as typeof cmd.data;
      const [event] = inspectionDecider.decide({ ...cmd, data } as InspectionCommand, {
        scorecards: [],
        automaticChecks: [],
      });
      return (event.data as { total: number }).total;
    };
    expect([total(0), total(1), total(2), total(3)]).toEqual([0, 33.33, 66.67, 100]);
  });

  it('one scorecard per template per consultation; another template is fine', () => {
    given([applied()]).when(apply()).thenFails(Code.AlreadyApplied);
    const [event] = inspectionDecider.decide(apply(SCORES, 'tpl-2'), {
      scorecards: [],
      automaticChecks: [],
    });
    expect(event.type).toBe('ScorecardApplied');
  });

  it.each([
    ['a missing criterion', SCORES.slice(0, 2)],
    ['an unknown criterion', [...SCORES, { criterionId: 'z', points: 1 }]],
    ['a criterion twice', [...SCORES, SCORES[0]]],
    ['points above max', [{ criterionId: 'a', points: 11 }, ...SCORES.slice(1)]],
    ['negative points', [{ criterionId: 'a', points: -1 }, ...SCORES.slice(1)]],
  ])('refuses %s', (_name, scores) => {
    given([]).when(apply(scores)).thenFails(Code.InvalidScores);
  });

  it('records automatic checks once per triggering close', () => {
    const checks: AutomaticChecks = {
      slaSeconds: 60,
      firstResponseSeconds: 12,
      firstResponseWithinSla: true,
      greetingSent: false,
      bannedWordsAbsent: 'not_available',
    };
    const record: InspectionCommand = {
      type: 'recordAutomaticChecks',
      data: { consultationId: 'c-1', triggerEventId: 'ev-9', closedAt: 'T', checks },
      metadata: { commandId: 'qa-checks:ev-9', now: NOW },
    };
    const recorded: InspectionEvent = {
      type: 'AutomaticChecksRecorded',
      version: 1,
      data: { consultationId: 'c-1', triggerEventId: 'ev-9', ...checks, at: 'T' },
    };
    given([]).when(record).then([recorded]);
    given([recorded]).when(record).then([]);
  });
});
