import {
  ContractRegistry,
  defaultContractRegistry,
  PUBLIC_CONTRACTS,
  TOPICS,
} from '@switchboard/contracts';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAsyncApi, messageId } from '../../../../scripts/contracts/asyncapi';
import {
  ASYNCAPI_FILE,
  listSchemaFiles,
  renderContractArtifacts,
} from '../../../../scripts/contracts/contract-artifacts';

type Doc = Record<string, unknown>;

/** Resolves a local `$ref` (`#/a/b~1c`) in `doc`, or undefined. */
function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Doc)[part] : undefined),
      doc,
    );
}

/** Every `$ref` string anywhere in `node`. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
  );
}

const doc = buildAsyncApi(defaultContractRegistry);
const channels = doc.channels as Record<string, Doc>;
const operations = doc.operations as Record<string, Doc>;
const components = doc.components as { messages: Record<string, Doc>; schemas: Doc };

describe('docs/asyncapi.yaml', () => {
  it('is what scripts/contracts/asyncapi.ts generates (regenerate after a contract change)', () => {
    const checkedIn: unknown = parse(readFileSync(ASYNCAPI_FILE, 'utf8'));
    expect(checkedIn).toEqual(doc);
  });

  it('the generator renders the checked-in files, and no stale schema file is left', async () => {
    const files = await renderContractArtifacts(doc);
    for (const [path, text] of files) {
      expect(readFileSync(path, 'utf8'), path).toBe(text);
    }
    expect(listSchemaFiles().every((path) => files.has(path))).toBe(true);
  });

  it('is AsyncAPI 3.0.0 with a kafka server and one channel per public topic', () => {
    expect(doc).toMatchObject({
      asyncapi: '3.0.0',
      info: { title: expect.any(String), version: '1.0.0' },
      servers: { kafka: { protocol: 'kafka', host: expect.any(String) } },
    });
    const addresses = Object.values(channels).map((channel) => channel.address);
    expect(addresses.sort()).toEqual(Object.values(TOPICS).sort());
    for (const channel of Object.values(channels)) {
      expect(channel.description).toMatch(/Key: /);
    }
  });

  it('every $ref resolves', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(PUBLIC_CONTRACTS.length * 3);
    const broken = refs.filter((ref) => resolve(doc, ref) === undefined);
    expect(broken).toEqual([]);
  });

  it("every operation's channel exists and its messages belong to that channel", () => {
    expect(Object.keys(operations).length).toBeGreaterThanOrEqual(Object.keys(channels).length);
    for (const [name, operation] of Object.entries(operations)) {
      expect(['send', 'receive'], name).toContain(operation.action);
      const channelRef = (operation.channel as { $ref: string }).$ref;
      const channel = resolve(doc, channelRef) as Doc | undefined;
      expect(channel, name).toBeDefined();
      for (const { $ref } of operation.messages as { $ref: string }[]) {
        expect($ref.startsWith(`${channelRef}/messages/`), `${name} ${$ref}`).toBe(true);
        expect(resolve(doc, $ref), $ref).toBeDefined();
      }
    }
  });

  it('documents every registered (topic, type, version) with its data schema', () => {
    for (const contract of PUBLIC_CONTRACTS) {
      const message = components.messages[messageId(contract)];
      expect(message, messageId(contract)).toMatchObject({
        name: contract.type,
        contentType: 'application/json',
        bindings: { kafka: { key: { type: 'string' } } },
      });
      expect(components.schemas[`${messageId(contract)}.data`]).toEqual(contract.dataSchema);
    }
  });

  it('message payloads validate real envelopes and refuse a broken data field', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ components }, 'asyncapi');
    const contract = PUBLIC_CONTRACTS.find((c) => c.type === 'OrderPlaced')!;
    const validate = ajv.compile({
      $ref: `asyncapi#/components/messages/${messageId(contract)}/payload`,
    });
    const envelope = {
      id: 'a3bb189e-8bf9-3888-9912-ace4e6543002',
      type: 'OrderPlaced',
      version: 1,
      streamId: 'order-o-1',
      revision: 0,
      position: 3,
      occurredAt: '2026-01-31T12:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      data: {
        orderId: 'o-1',
        customerId: 'cust-1',
        domain: null,
        amountMinor: 500,
        currency: 'EUR',
        placedAt: '2026-01-31T12:00:00.000Z',
      },
    };
    expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...envelope, data: { ...envelope.data, currency: 'euro' } })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/data/currency');
    expect(validate({ ...envelope, type: 'Other' })).toBe(false);
  });

  it('every message has a sample that its payload schema accepts', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ components }, 'asyncapi');
    for (const contract of PUBLIC_CONTRACTS) {
      const id = messageId(contract);
      const validate = ajv.compile({ $ref: `asyncapi#/components/messages/${id}/payload` });
      const examples = components.messages[id]!.examples as { payload: unknown }[];
      expect(examples, id).toHaveLength(1);
      expect(validate(examples[0]!.payload), `${id} ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('is deterministic and built from the registry it is given', () => {
    expect(buildAsyncApi(defaultContractRegistry)).toEqual(doc);
    const one = new ContractRegistry();
    one.register(PUBLIC_CONTRACTS[0]!);
    const small = buildAsyncApi(one);
    expect(Object.keys(small.channels as Doc)).toEqual(['consultationEvents']);
    expect(Object.keys((small.components as { messages: Doc }).messages)).toEqual([
      messageId(PUBLIC_CONTRACTS[0]!),
    ]);
  });
});
