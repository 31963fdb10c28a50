import { type Bucket, type MetricsRange, PRESETS, presetOf, presetRange } from './metrics-range';

/** From / to dates (inclusive days), presets, bucket size; the zone is the browser's. */
export function MetricsRangeForm({
  range,
  onChange,
}: {
  range: MetricsRange;
  onChange: (range: MetricsRange) => void;
}) {
  const pressed = presetOf(range);
  return (
    <form
      class="range-form"
      aria-label="Metrics range"
      onSubmit={(event) => event.preventDefault()}
    >
      <div role="group" aria-label="Presets" class="presets">
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            class={pressed === preset.id ? '' : 'secondary'}
            aria-pressed={pressed === preset.id}
            onClick={() => onChange(presetRange(preset.id, range.timeZone))}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <label class="inline">
        From
        <input
          type="date"
          name="from"
          value={range.from}
          max={range.to}
          required
          onChange={(e) =>
            e.currentTarget.value && onChange({ ...range, from: e.currentTarget.value })
          }
        />
      </label>
      <label class="inline">
        To
        <input
          type="date"
          name="to"
          value={range.to}
          min={range.from}
          required
          onChange={(e) =>
            e.currentTarget.value && onChange({ ...range, to: e.currentTarget.value })
          }
        />
      </label>
      <label class="inline">
        Bucket
        <select
          name="bucket"
          value={range.bucket}
          onChange={(e) => onChange({ ...range, bucket: e.currentTarget.value as Bucket })}
        >
          <option value="hour">Hour</option>
          <option value="day">Day</option>
        </select>
      </label>
      <p class="hint" id="range-zone">
        Time zone: <span data-time-zone>{range.timeZone}</span>
      </p>
    </form>
  );
}
