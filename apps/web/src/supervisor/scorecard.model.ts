import type { Criterion } from './supervisor.types';

/**
 * The server's formula (libs/consultation/src/domain/quality/weighted-total.ts), for the
 * preview while scoring: 100 × Σ(weight × points / maxPoints) / Σ weight, 2 decimals. The
 * stored total is the server's; this only shows the inspector what they are about to give.
 */
export function previewTotal(
  criteria: readonly Criterion[],
  points: Readonly<Record<string, number>>,
): number {
  const weights = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weights === 0) return 0;
  const earned = criteria.reduce(
    (sum, c) => sum + (c.weight * (points[c.criterionId] ?? 0)) / c.maxPoints,
    0,
  );
  return Math.round((100 * earned * 100) / weights) / 100;
}

const KNOWN_TEMPLATES = 'switchboard.supervisor.templates';

/** Template ids used from this browser: there is no list route, so the form offers these. */
export function knownTemplates(): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KNOWN_TEMPLATES) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberTemplate(templateId: string): void {
  const ids = [templateId, ...knownTemplates().filter((id) => id !== templateId)].slice(0, 20);
  localStorage.setItem(KNOWN_TEMPLATES, JSON.stringify(ids));
}
