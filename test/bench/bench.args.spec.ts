import { describe, expect, it } from 'vitest';
import { optionValue, scenarioNames } from '../../bench/bench.args';

describe('bench arguments', () => {
  it('reads --events N and --events=N, and keeps the value out of the scenario names', () => {
    expect(optionValue('--events', ['node', 'run', 'replay', '--events', '5000'])).toBe('5000');
    expect(optionValue('--events', ['node', 'run', '--events=7'])).toBe('7');
    expect(optionValue('--events', ['node', 'run', 'replay'])).toBeUndefined();
    expect(scenarioNames(['replay', '--events', '5000', '--strict', 'routing'])).toEqual([
      'replay',
      'routing',
    ]);
  });
});
