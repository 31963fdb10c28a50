import { type Criterion } from './scorecard.decider';

export interface CriterionScore {
  readonly criterionId: string;
  readonly points: number;
  readonly note?: string;
}

/** A criterion as scored: the template's numbers next to the inspector's. */
export interface ScoredCriterion {
  readonly criterionId: string;
  readonly label: string;
  readonly weight: number;
  readonly maxPoints: number;
  readonly points: number;
  readonly note: string | null;
}

/**
 * total = 100 × Σ(weight × points / maxPoints) / Σ weight, in 0..100.
 *
 * Rounding (documented, deterministic): the exact value is rounded to 2 decimals, half away
 * from zero, as `Math.round(total × 100) / 100` computed in IEEE-754 doubles, which every
 * JavaScript engine evaluates identically. Example: weights 2/1/1, points 5/10, 3/5, 0/5 →
 * 100 × (2×0.5 + 1×0.6 + 1×0) / 4 = 40.
 */
export function weightedTotal(scored: readonly ScoredCriterion[]): number {
  const weights = scored.reduce((sum, c) => sum + c.weight, 0);
  if (weights === 0) return 0;
  const earned = scored.reduce((sum, c) => sum + (c.weight * c.points) / c.maxPoints, 0);
  return Math.round((100 * earned * 100) / weights) / 100;
}

/** Pairs each criterion with its score; a fault is `{field, message}` for a typed 400. */
export function scoreCriteria(
  criteria: readonly Criterion[],
  scores: readonly CriterionScore[],
): ScoredCriterion[] | { readonly field: string; readonly message: string } {
  const byId = new Map<string, CriterionScore>();
  for (const [index, score] of scores.entries()) {
    if (!criteria.some((c) => c.criterionId === score.criterionId)) {
      return {
        field: `scores.${index}.criterionId`,
        message: `unknown criterion ${score.criterionId}`,
      };
    }
    if (byId.has(score.criterionId)) {
      return { field: `scores.${index}.criterionId`, message: `${score.criterionId} scored twice` };
    }
    byId.set(score.criterionId, score);
  }
  const scored: ScoredCriterion[] = [];
  for (const criterion of criteria) {
    const score = byId.get(criterion.criterionId);
    if (score === undefined) {
      return { field: 'scores', message: `criterion ${criterion.criterionId} has no score` };
    }
    if (!Number.isFinite(score.points) || score.points < 0 || score.points > criterion.maxPoints) {
      return {
        field: 'scores',
        message: `points for ${criterion.criterionId} must be 0..${criterion.maxPoints}`,
      };
    }
    scored.push({ ...criterion, points: score.points, note: score.note ?? null });
  }
  return scored;
}
