import { type RestClient, SwitchboardError } from '@switchboard/client';
import { useState } from 'preact/hooks';
import { formatScore } from './format';
import { messageOf } from './polling.hook';
import { knownTemplates, previewTotal, rememberTemplate } from './scorecard.model';
import type { Inspection, ScorecardTemplate } from './supervisor.types';
import { TemplateEditor } from './template-editor.view';

type Loaded =
  | { readonly kind: 'none' }
  | { readonly kind: 'missing'; readonly templateId: string }
  | { readonly kind: 'found'; readonly template: ScorecardTemplate };

/**
 * Picks a scorecard template by id (defining it when it does not exist yet), takes points and
 * notes per weighted criterion with a preview of the total, and applies it to the consultation.
 */
export function ScorecardForm({
  api,
  consultationId,
  onApplied,
}: {
  api: RestClient;
  consultationId: string;
  onApplied: (inspection: Inspection) => void;
}) {
  const [templateId, setTemplateId] = useState(knownTemplates()[0] ?? '');
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'none' });
  const [editing, setEditing] = useState(false);
  const [points, setPoints] = useState<Record<string, number>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  const use = (template: ScorecardTemplate) => {
    rememberTemplate(template.templateId);
    setLoaded({ kind: 'found', template });
    setEditing(false);
    setPoints({});
    setNotes({});
  };
  const setPoint = (criterionId: string, value: number) => {
    const { [criterionId]: _old, ...others } = points;
    setPoints(Number.isFinite(value) ? { ...others, [criterionId]: value } : others);
  };
  const load = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const id = templateId.trim();
    try {
      use(await api.call<ScorecardTemplate>('GET', `/v1/qa/scorecards/${encodeURIComponent(id)}`));
    } catch (cause) {
      if (cause instanceof SwitchboardError && cause.status === 404) {
        setLoaded({ kind: 'missing', templateId: id });
      } else setError(messageOf(cause));
    }
  };
  const apply = async (event: Event) => {
    event.preventDefault();
    if (loaded.kind !== 'found') return;
    setError(undefined);
    const { template } = loaded;
    const scores = template.criteria.map((c) => ({
      criterionId: c.criterionId,
      points: points[c.criterionId] ?? 0,
      ...(notes[c.criterionId] ? { note: notes[c.criterionId] } : {}),
    }));
    try {
      const body = {
        templateId: template.templateId,
        templateVersion: template.templateVersion,
        scores,
      };
      onApplied(await api.call<Inspection>('POST', `/v1/qa/inspections/${consultationId}`, body));
    } catch (cause) {
      setError(messageOf(cause));
    }
  };

  return (
    <section class="scorecard-form" aria-labelledby="apply-title">
      <h4 id="apply-title">Apply a scorecard</h4>
      <form class="inline-form" onSubmit={load} aria-label="Choose a template">
        <label class="inline">
          Template id
          <input
            list="known-templates"
            required
            value={templateId}
            onInput={(e) => setTemplateId(e.currentTarget.value)}
          />
        </label>
        <datalist id="known-templates">
          {knownTemplates().map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <button type="submit" class="secondary">
          Load template
        </button>
      </form>
      {loaded.kind === 'missing' && (
        <>
          <p role="status">No template {loaded.templateId} yet: define it here.</p>
          <TemplateEditor api={api} templateId={loaded.templateId} onSaved={use} />
        </>
      )}
      {loaded.kind === 'found' && editing && (
        <TemplateEditor
          api={api}
          templateId={loaded.template.templateId}
          existing={loaded.template}
          onSaved={use}
        />
      )}
      {loaded.kind === 'found' && !editing && (
        <form onSubmit={apply} aria-label="Scores">
          <p role="status">
            {loaded.template.name} (version {loaded.template.templateVersion}){' '}
            <button type="button" class="secondary small" onClick={() => setEditing(true)}>
              Edit template
            </button>
          </p>
          {loaded.template.criteria.map((c) => (
            <div class="score-row" key={c.criterionId}>
              <label>
                {c.label} points (0–{c.maxPoints}, weight {c.weight})
                <input
                  type="number"
                  min="0"
                  max={c.maxPoints}
                  step="any"
                  required
                  value={points[c.criterionId] ?? ''}
                  onInput={(e) => setPoint(c.criterionId, e.currentTarget.valueAsNumber)}
                />
              </label>
              <label>
                Note on {c.label}
                <input
                  value={notes[c.criterionId] ?? ''}
                  onInput={(e) => setNotes({ ...notes, [c.criterionId]: e.currentTarget.value })}
                />
              </label>
            </div>
          ))}
          <p class="figure">
            Weighted total (preview):{' '}
            <output>{formatScore(previewTotal(loaded.template.criteria, points))}</output> / 100
          </p>
          <button type="submit">Apply scorecard</button>
        </form>
      )}
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
