import { describe, expect, it } from 'vitest';
import { type RoutingConfig, routingKeyOf, strategyFor } from './routing.config';
import { consultation } from './routing.fixtures';
import { isStrategyName } from './routing.types';

const config: RoutingConfig = {
  default: 'least-load',
  groups: { vip: 'weighted' },
  domains: { travel: 'average', hotel: 'weighted' },
};

describe('RoutingConfig', () => {
  it.each([
    ['a group entry wins over its domain', { domain: 'travel', group: 'vip' }, 'weighted'],
    [
      'a group without an entry falls back to its domain',
      { domain: 'travel', group: 'x' },
      'average',
    ],
    ['a domain entry', { domain: 'hotel' }, 'weighted'],
    ['neither → the default', { domain: 'flights' }, 'least-load'],
    [
      'inherited object keys are not entries',
      { domain: 'toString', group: 'constructor' },
      'least-load',
    ],
  ])('%s', (_, overrides, expected) => {
    expect(strategyFor(config, consultation('c-1', overrides))).toBe(expected);
  });

  it('keys a queue by group, else by domain, never mixing the two namespaces', () => {
    expect(routingKeyOf(consultation('c-1', { domain: 'travel', group: 'vip' }))).toBe('group:vip');
    expect(routingKeyOf(consultation('c-1', { domain: 'vip' }))).toBe('domain:vip');
    // The consultation aggregate records "no group" as null.
    expect(routingKeyOf(consultation('c-1', { domain: 'vip', group: null }))).toBe('domain:vip');
    expect(strategyFor(config, consultation('c-1', { domain: 'hotel', group: null }))).toBe(
      'weighted',
    );
  });

  it('recognises strategy names (for the CLI and config loading)', () => {
    expect(['average', 'weighted', 'least-load', 'random'].map(isStrategyName)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
