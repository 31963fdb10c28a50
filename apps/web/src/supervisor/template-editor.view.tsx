import type { RestClient } from '@switchboard/client';
import type { InputHTMLAttributes } from 'preact';
import { useState } from 'preact/hooks';
import { messageOf } from './polling.hook';
import type { ScorecardTemplate } from './supervisor.types';

interface Row {
  criterionId: string;
  label: string;
  weight: string;
  maxPoints: string;
}

const blankRow = (): Row => ({ criterionId: '', label: '', weight: '1', maxPoints: '5' });

/** The inputs of one criterion row, all required, in the order they are shown. */
const FIELDS: readonly {
  key: keyof Row;
  label: string;
  attributes: InputHTMLAttributes<HTMLInputElement>;
}[] = [
  { key: 'criterionId', label: 'Id', attributes: { pattern: '[A-Za-z0-9._:\\-]{1,64}' } },
  { key: 'label', label: 'Label', attributes: {} },
  { key: 'weight', label: 'Weight', attributes: { type: 'number', min: '0.01', step: 'any' } },
  { key: 'maxPoints', label: 'Max points', attributes: { type: 'number', min: '1', step: '1' } },
];

/**
 * Defines a scorecard template (POST) or replaces its name and criteria (PUT: the server
 * gives it the next version; scorecards already applied keep the version they were given on).
 */
export function TemplateEditor({
  api,
  templateId,
  existing,
  onSaved,
}: {
  api: RestClient;
  templateId: string;
  existing?: ScorecardTemplate;
  onSaved: (template: ScorecardTemplate) => void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [rows, setRows] = useState<Row[]>(
    existing?.criteria.map((c) => ({
      ...c,
      weight: String(c.weight),
      maxPoints: String(c.maxPoints),
    })) ?? [blankRow()],
  );
  const [error, setError] = useState<string>();
  const set = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const save = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const criteria = rows.map((r) => ({
      criterionId: r.criterionId.trim(),
      label: r.label.trim(),
      weight: Number(r.weight),
      maxPoints: Number(r.maxPoints),
    }));
    try {
      const saved =
        existing === undefined
          ? await api.call<ScorecardTemplate>('POST', '/v1/qa/scorecards', {
              templateId,
              name: name.trim(),
              criteria,
            })
          : await api.call<ScorecardTemplate>(
              'PUT',
              `/v1/qa/scorecards/${encodeURIComponent(templateId)}`,
              { name: name.trim(), criteria },
            );
      onSaved(saved);
    } catch (cause) {
      setError(messageOf(cause));
    }
  };

  return (
    <form class="template-editor" aria-label={`Template ${templateId}`} onSubmit={save}>
      <h5>{existing === undefined ? `Define template ${templateId}` : `Edit ${templateId}`}</h5>
      <label>
        Template name
        <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>Criteria</legend>
        {rows.map((row, index) => (
          <div class="criterion-row" key={index} role="group" aria-label={`Criterion ${index + 1}`}>
            {FIELDS.map(({ key, label, attributes }) => (
              <label key={key}>
                {label}
                <input
                  {...attributes}
                  required
                  value={row[key]}
                  onInput={(e) => set(index, { [key]: e.currentTarget.value })}
                />
              </label>
            ))}
            <button
              type="button"
              class="secondary small"
              disabled={rows.length === 1}
              onClick={() => setRows(rows.filter((_, i) => i !== index))}
            >
              Remove<span class="visually-hidden"> criterion {index + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          class="secondary small"
          onClick={() => setRows([...rows, blankRow()])}
        >
          Add criterion
        </button>
      </fieldset>
      <button type="submit">Save template</button>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </form>
  );
}
