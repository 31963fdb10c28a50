import { describe, expect, it } from 'vitest';
import { ContractViolationError } from './contract-violation.error';
import { ContractRegistry, type ContractDefinition } from './contract.registry';
import type { Envelope } from './envelope.contract';
import { ALL_TOPICS, TOPICS, dlqTopic, isDlqTopic } from './topics.contract';

const opened: ContractDefinition = {
  topic: TOPICS.consultationEvents,
  type: 'ConsultationOpened',
  version: 1,
  dataSchema: {
    type: 'object',
    required: ['domain'],
    properties: {
      domain: { type: 'string', minLength: 1 },
      at: { type: 'string', format: 'date-time' },
    },
    additionalProperties: false,
  },
};

function message(data: unknown, change: Partial<Envelope> = {}): string {
  return JSON.stringify({
    id: 'a3bb189e-8bf9-3888-9912-ace4e6543002',
    type: 'ConsultationOpened',
    version: 1,
    streamId: 'consultation-1',
    revision: 0,
    position: 1,
    occurredAt: '2026-01-31T12:00:00Z',
    correlationId: 'c',
    causationId: 'c',
    data,
    ...change,
  });
}

function violation(run: () => unknown): ContractViolationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a ContractViolationError');
}

describe('ContractRegistry', () => {
  it('validates data against the contract registered for (topic, type, version)', () => {
    const registry = new ContractRegistry();
    registry.register(opened);
    expect(registry.parse(message({ domain: 'hotel' }), opened.topic).data).toEqual({
      domain: 'hotel',
    });
    const error = violation(() => registry.parse(message({ domain: '', extra: 1 }), opened.topic));
    expect(error.reason).toBe('data');
    expect(error.topic).toBe(opened.topic);
    expect(error.errors.map((e) => e.path).sort()).toEqual(['/data', '/data/domain']);
  });

  it('uses formats (date-time) in data schemas', () => {
    const registry = new ContractRegistry();
    registry.register(opened);
    expect(() => registry.parse(message({ domain: 'x', at: 'noon' }), opened.topic)).toThrow(
      ContractViolationError,
    );
  });

  it('checks data only on the registered topic, type and version', () => {
    const registry = new ContractRegistry();
    registry.register(opened);
    const bad = { domain: 42 };
    expect(() => registry.parse(message(bad))).not.toThrow(); // no topic given
    expect(() => registry.parse(message(bad), TOPICS.agentEvents)).not.toThrow();
    expect(() => registry.parse(message(bad, { version: 2 }), opened.topic)).not.toThrow();
    expect(() => registry.parse(message(bad, { type: 'Other' }), opened.topic)).not.toThrow();
    expect(() => registry.parse(message(bad), opened.topic)).toThrow(ContractViolationError);
  });

  it('re-registering the same contract is a no-op; a different schema is refused', () => {
    const registry = new ContractRegistry();
    registry.register(opened);
    registry.register({ ...opened, dataSchema: JSON.parse(JSON.stringify(opened.dataSchema)) });
    expect(registry.list()).toHaveLength(1);
    expect(() => registry.register({ ...opened, dataSchema: { type: 'string' } })).toThrow(
      /already registered/,
    );
    registry.register({ ...opened, version: 2, dataSchema: { type: 'object' } });
    expect(registry.lookup(opened.topic, opened.type, 2)?.version).toBe(2);
    expect(registry.list().map((c) => c.version)).toEqual([1, 2]);
  });

  it.each<[string, Partial<ContractDefinition>, RegExp]>([
    ['an empty topic', { topic: '' }, /empty topic/],
    ['an empty type', { type: '' }, /empty type/],
    ['version 0', { version: 0 }, /version must be/],
    [
      'an unknown keyword (strict mode)',
      { dataSchema: { type: 'object', minLenght: 1 } },
      /invalid data schema/,
    ],
    ['an impossible type', { dataSchema: { type: 'thing' } }, /invalid data schema/],
  ])('refuses %s', (_name, change, pattern) => {
    expect(() => new ContractRegistry().register({ ...opened, ...change })).toThrow(pattern);
  });

  it('registries are independent of each other', () => {
    const a = new ContractRegistry();
    a.register(opened);
    expect(new ContractRegistry().lookup(opened.topic, opened.type, 1)).toBeUndefined();
  });
});

describe('topics', () => {
  it('names the five public topics of v1', () => {
    expect([...ALL_TOPICS].sort()).toEqual([
      'agent.events.v1',
      'commerce.orders.v1',
      'consultation.events.v1',
      'im.messages.v1',
      'push.requests.v1',
    ]);
  });

  it('derives dead-letter topics', () => {
    expect(dlqTopic(TOPICS.imMessages)).toBe('im.messages.v1.dlq');
    expect(isDlqTopic('im.messages.v1.dlq')).toBe(true);
    expect(isDlqTopic(TOPICS.imMessages)).toBe(false);
    expect(() => dlqTopic('im.messages.v1.dlq')).toThrow(RangeError);
    expect(() => dlqTopic('')).toThrow(RangeError);
  });
});
