import { deciderSpec } from '@switchboard/testing';
import { describe, it } from 'vitest';
import {
  type Criterion,
  QualityErrorCode as Code,
  scorecardDecider,
  type ScorecardCommand,
  type ScorecardEvent,
} from './index';

const NOW = new Date('2026-01-05T10:00:00.000Z');
const CRITERIA: Criterion[] = [
  { criterionId: 'greeting', label: 'Greets', weight: 2, maxPoints: 10 },
  { criterionId: 'accuracy', label: 'Accurate', weight: 1, maxPoints: 5 },
];
const definition = (criteria: Criterion[] = CRITERIA) => ({
  templateId: 'tpl-1',
  name: 'Basic',
  criteria,
});
const cmd = (type: ScorecardCommand['type'], criteria?: Criterion[]): ScorecardCommand => ({
  type,
  data: definition(criteria),
  metadata: { commandId: 'c-1', now: NOW },
});
const defined: ScorecardEvent = {
  type: 'ScorecardTemplateDefined',
  version: 1,
  data: { ...definition(), templateVersion: 1, at: NOW.toISOString() },
};
const given = (history: ScorecardEvent[]) => deciderSpec(scorecardDecider).given(history);

describe('scorecard template decider', () => {
  it('defines version 1', () => given([]).when(cmd('defineScorecard')).then([defined]));

  it('updates to the next version', () =>
    given([defined])
      .when(cmd('updateScorecard', [CRITERIA[0]]))
      .then([
        {
          type: 'ScorecardTemplateUpdated',
          version: 1,
          data: { ...definition([CRITERIA[0]]), templateVersion: 2, at: NOW.toISOString() },
        },
      ]));

  it('refuses to define twice', () =>
    given([defined]).when(cmd('defineScorecard')).thenFails(Code.ScorecardExists));

  it('refuses to update an unknown template', () =>
    given([]).when(cmd('updateScorecard')).thenFails(Code.ScorecardNotFound));

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses weight %s', (weight) => {
    given([])
      .when(cmd('defineScorecard', [{ ...CRITERIA[0], weight }]))
      .thenFails(Code.InvalidWeight);
  });

  it('refuses duplicate criterion ids', () =>
    given([])
      .when(cmd('defineScorecard', [CRITERIA[0], { ...CRITERIA[1], criterionId: 'greeting' }]))
      .thenFails(Code.DuplicateCriterion));

  it('refuses no criteria and a non-integer maxPoints', () => {
    given([]).when(cmd('defineScorecard', [])).thenFails(Code.InvalidScorecard);
    given([])
      .when(cmd('defineScorecard', [{ ...CRITERIA[0], maxPoints: 0.5 }]))
      .thenFails(Code.InvalidScorecard);
  });
});
