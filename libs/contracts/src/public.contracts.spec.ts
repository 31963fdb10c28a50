import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_EVENT_TYPES } from './agent-events.contract';
import { ORDER_PLACED, type OrderPlacedData } from './commerce-orders.contract';
import { CONSULTATION_EVENT_TYPES } from './consultation-events.contract';
import { contractSchemaFiles } from './contract-schema.files';
import { sampleData, sampleEnvelope } from './contract.samples';
import { ContractViolationError } from './contract-violation.error';
import { ContractRegistry } from './contract.registry';
import { defaultContractRegistry } from './envelope.parser';
import { IM_MESSAGE_TYPES } from './im-messages.contract';
import { PUBLIC_CONTRACTS, registerPublicContracts } from './public.contracts';
import { TOPICS } from './topics.contract';

const SCHEMAS_DIR = join(__dirname, '..', 'schemas');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function envelope(type: string, data: unknown, version = 1): string {
  return JSON.stringify({
    id: 'a3bb189e-8bf9-3888-9912-ace4e6543002',
    type,
    version,
    streamId: 'order-o-1',
    revision: 0,
    position: 1,
    occurredAt: '2026-01-31T12:00:00.000Z',
    correlationId: 'c',
    causationId: 'c',
    data,
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

const order: OrderPlacedData = {
  orderId: 'o-1',
  customerId: 'cust-1',
  domain: 'shop',
  amountMinor: 12_999,
  currency: 'EUR',
  placedAt: '2026-01-31T12:00:00.000Z',
};

describe('public contracts', () => {
  it('cover every v1 type of every public topic, once each', () => {
    const keys = PUBLIC_CONTRACTS.map((c) => `${c.topic} ${c.type} v${c.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    const typesOf = (topic: string) =>
      PUBLIC_CONTRACTS.filter((c) => c.topic === topic).map((c) => c.type);
    expect(typesOf(TOPICS.consultationEvents)).toEqual([...CONSULTATION_EVENT_TYPES]);
    expect(typesOf(TOPICS.imMessages)).toEqual([...IM_MESSAGE_TYPES]);
    expect(typesOf(TOPICS.agentEvents)).toEqual([...AGENT_EVENT_TYPES]);
    expect(typesOf(TOPICS.pushRequests)).toEqual(['PushRequested']);
    expect(typesOf(TOPICS.commerceOrders)).toEqual([ORDER_PLACED]);
  });

  it('are open objects listing their required fields', () => {
    for (const { type, dataSchema } of PUBLIC_CONTRACTS) {
      expect(dataSchema, type).toMatchObject({ type: 'object', additionalProperties: true });
      expect((dataSchema as { required: string[] }).required.length, type).toBeGreaterThan(0);
    }
  });

  it('are all in the default registry (what the relay validates with)', () => {
    for (const contract of PUBLIC_CONTRACTS) {
      expect(defaultContractRegistry.lookup(contract.topic, contract.type, contract.version)).toBe(
        contract,
      );
    }
    // Registering again (a module doing it at start-up) is a no-op.
    expect(() => registerPublicContracts(defaultContractRegistry)).not.toThrow();
  });

  it('the checked-in schema files are the registered schemas, and nothing else is there', () => {
    const expected = contractSchemaFiles(PUBLIC_CONTRACTS);
    for (const file of expected) {
      const text = readFileSync(join(SCHEMAS_DIR, ...file.path.split('/')), 'utf8');
      expect(JSON.parse(text), file.path).toEqual(file.document);
    }
    const present = listFiles(SCHEMAS_DIR).map((path) =>
      relative(SCHEMAS_DIR, path).split(sep).join('/'),
    );
    expect(present.sort()).toEqual(
      ['envelope.v1.schema.json', ...expected.map((file) => file.path)].sort(),
    );
  });

  it('each schema file stands alone for consumers outside TypeScript', () => {
    const registry = new ContractRegistry();
    for (const file of contractSchemaFiles(PUBLIC_CONTRACTS)) {
      const [topic, name] = file.path.split('/');
      const type = name!.split('.')[0]!;
      expect(file.document).toMatchObject({ $id: expect.stringContaining(`${topic}:${type}:v1`) });
      registry.register({ topic: topic!, type, version: 1, dataSchema: file.document });
    }
    expect(registry.list()).toHaveLength(PUBLIC_CONTRACTS.length);
  });
});

describe('contract samples', () => {
  const parse = (topic: string, type: string, data: unknown) =>
    defaultContractRegistry.parse(JSON.stringify({ ...sampleEnvelope(topic, type), data }), topic);

  it.each(PUBLIC_CONTRACTS.map((c) => [c.topic, c.type] as const))(
    '%s %s: the typed sample validates',
    (topic, type) => {
      expect(parse(topic, type, sampleData(topic, type)).data).toEqual(sampleData(topic, type));
    },
  );

  it.each(PUBLIC_CONTRACTS.map((c) => [c.topic, c.type, c.dataSchema] as const))(
    '%s %s: each required field, removed, is named in the violation',
    (topic, type, schema) => {
      const required = (schema as { required: string[] }).required;
      for (const field of required) {
        const { [field]: _gone, ...rest } = sampleData(topic, type);
        const error = violation(() => parse(topic, type, rest));
        expect(error.errors, field).toContainEqual({
          path: '/data',
          message: `must have property '${field}'`,
        });
      }
    },
  );

  it('are copies, and unknown kinds are refused', () => {
    const one = sampleData<{ domain: string }>(TOPICS.consultationEvents, 'ConsultationOpened');
    one.domain = 'changed';
    expect(sampleData(TOPICS.consultationEvents, 'ConsultationOpened')).toMatchObject({
      domain: 'travel',
    });
    expect(() => sampleData(TOPICS.imMessages, 'Nope')).toThrow(RangeError);
  });
});

describe('commerce.orders.v1 OrderPlaced', () => {
  const parse = (data: unknown) =>
    defaultContractRegistry.parse(envelope(ORDER_PLACED, data), TOPICS.commerceOrders);

  it('accepts an order, with or without a domain, with fields added', () => {
    expect(parse(order).data).toEqual(order);
    expect(() => parse({ ...order, domain: null, channel: 'app' })).not.toThrow();
  });

  it.each<[string, Partial<Record<keyof OrderPlacedData, unknown>>, string]>([
    ['an empty orderId', { orderId: '' }, '/data/orderId'],
    ['an orderId over 200 characters', { orderId: 'x'.repeat(201) }, '/data/orderId'],
    ['a fractional amount', { amountMinor: 1.5 }, '/data/amountMinor'],
    ['a negative amount', { amountMinor: -1 }, '/data/amountMinor'],
    ['a lowercase currency', { currency: 'eur' }, '/data/currency'],
    ['a placedAt without offset', { placedAt: '2026-01-31 12:00' }, '/data/placedAt'],
    ['a numeric domain', { domain: 7 }, '/data/domain'],
  ])('rejects %s, naming the field', (_name, change, path) => {
    const error = violation(() => parse({ ...order, ...change }));
    expect(error.reason).toBe('data');
    expect(error.errors.map((e) => e.path)).toEqual([path]);
  });

  it('rejects an order without customerId', () => {
    const { customerId: _gone, ...rest } = order;
    expect(violation(() => parse(rest)).errors).toEqual([
      { path: '/data', message: "must have property 'customerId'" },
    ]);
  });
});
