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
      <RangeDate end="from" range={range} onChange={onChange} />
      <RangeDate end="to" range={range} onChange={onChange} />
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

/**
 * One end of the range, kept on its side of the other end; clearing the field changes nothing
 * (the range always has both ends).
 */
function RangeDate({
  end,
  range,
  onChange,
}: {
  end: 'from' | 'to';
  range: MetricsRange;
  onChange: (range: MetricsRange) => void;
}) {
  return (
    <label class="inline">
      {end === 'from' ? 'From' : 'To'}
      <input
        type="date"
        name={end}
        value={range[end]}
        min={end === 'to' ? range.from : undefined}
        max={end === 'from' ? range.to : undefined}
        required
        onChange={(e) =>
          e.currentTarget.value && onChange({ ...range, [end]: e.currentTarget.value })
        }
      />
    </label>
  );
}
