/**
 * `date.toISOString()`, remembered for the last few instants. Deciders stamp every event with
 * the command's `now` (and deadlines derived from it); `toISOString` costs about a microsecond,
 * and a routing burst called it for the same handful of instants over 5,000 times (opens,
 * enqueues, takes, assignments and their accept deadlines), about 5 ms of the burst. Same
 * input, same output: a pure function with a four-entry cache keyed on the time value.
 * An invalid date throws RangeError, as `toISOString` does.
 */
export function isoTime(date: Date | number): string {
  const time = typeof date === 'number' ? date : date.getTime();
  for (let i = 0; i < SLOTS; i++) if (times[i] === time) return texts[i]!;
  const text = new Date(time).toISOString();
  times[next] = time;
  texts[next] = text;
  next = (next + 1) % SLOTS;
  return text;
}

const SLOTS = 4;
/** NaN never equals a time, so an empty slot (or an invalid date) never hits. */
const times: number[] = [NaN, NaN, NaN, NaN];
const texts: string[] = ['', '', '', ''];
let next = 0;
