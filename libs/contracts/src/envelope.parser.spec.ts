import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractViolationError, isContractViolation } from './contract-violation.error';
import { ENVELOPE_HEADERS, envelopeHeaders, type Envelope } from './envelope.contract';
import { parseEnvelope, serializeEnvelope, validateEnvelope } from './envelope.parser';
import { ENVELOPE_SCHEMA } from './envelope.schema';
import { TOPICS } from './topics.contract';

const envelope: Envelope = {
  id: '6f1c2a8e-3c1b-4d7e-9a55-0b2f6f3e9d10',
  type: 'ConsultationOpened',
  version: 1,
  streamId: 'consultation-42',
  revision: 0,
  position: 17,
  occurredAt: '2026-01-31T12:00:00.000Z',
  correlationId: 'cmd-1',
  causationId: 'cmd-1',
  data: {
    consultationId: '42',
    customerId: 'cust-1',
    domain: 'hotel',
    group: null,
    subject: null,
    context: {},
    conversationId: 'conv-42',
    at: '2026-01-31T12:00:00.000Z',
  },
};

/** Parses and returns the thrown error (failing if nothing is thrown). */
function violationOf(raw: string, topic?: string): ContractViolationError {
  try {
    parseEnvelope(raw, topic);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractViolationError);
    return error as ContractViolationError;
  }
  throw new Error('expected parseEnvelope to throw');
}

describe('parseEnvelope', () => {
  it('round-trips a valid envelope', () => {
    expect(parseEnvelope(serializeEnvelope(envelope))).toEqual(envelope);
    expect(parseEnvelope(Buffer.from(serializeEnvelope(envelope)))).toEqual(envelope);
  });

  it('accepts fields it does not know (additive changes stay within v1)', () => {
    const extended = { ...envelope, tenantId: 't-1' };
    expect(parseEnvelope(JSON.stringify(extended), TOPICS.consultationEvents)).toEqual(extended);
  });

  it('accepts any JSON value as data when no contract is registered', () => {
    for (const data of [null, 0, 'text', [1, 2], { nested: { deep: true } }]) {
      expect(parseEnvelope(JSON.stringify({ ...envelope, data })).data).toEqual(data);
    }
  });

  it.each([
    ['not JSON', '{"id": '],
    ['empty', ''],
    ['binary garbage', '\u0000\u0001\u0002'],
  ])('reports malformed JSON (%s) as a typed violation', (_name, raw) => {
    const error = violationOf(raw, TOPICS.imMessages);
    expect(error.code).toBe('CONTRACT_VIOLATION');
    expect(error.reason).toBe('malformed-json');
    expect(error.topic).toBe(TOPICS.imMessages);
    expect(error.errors[0]!.message).toMatch(/not valid JSON/);
    expect(isContractViolation(error)).toBe(true);
  });

  it.each([
    ['a JSON array', '[]', ''],
    ['a JSON string', '"hello"', ''],
    ['null', 'null', ''],
  ])('rejects %s that is not an object', (_name, raw, path) => {
    const error = violationOf(raw);
    expect(error.reason).toBe('envelope');
    expect(error.topic).toBeUndefined();
    expect(error.errors.map((e) => e.path)).toContain(path);
  });

  it('names every missing field at once', () => {
    const error = violationOf('{}', TOPICS.agentEvents);
    const missing = error.errors.map((e) => e.message);
    for (const field of ENVELOPE_SCHEMA.required) {
      expect(missing).toContain(`must have property '${field}'`);
    }
    expect(error.message).toMatch(/^Contract violation on agent\.events\.v1 \(envelope\)/);
  });

  it.each<[string, Partial<Record<keyof Envelope, unknown>>, string]>([
    ['a non-UUID id', { id: 'not-a-uuid' }, '/id'],
    ['an empty type', { type: '' }, '/type'],
    ['version 0', { version: 0 }, '/version'],
    ['a fractional version', { version: 1.5 }, '/version'],
    ['a negative revision', { revision: -1 }, '/revision'],
    ['a string position', { position: '17' }, '/position'],
    ['a non-ISO occurredAt', { occurredAt: 'yesterday' }, '/occurredAt'],
    ['a numeric correlationId', { correlationId: 5 }, '/correlationId'],
    ['an empty causationId', { causationId: '' }, '/causationId'],
  ])('rejects %s with its JSON pointer', (_name, change, path) => {
    const error = violationOf(JSON.stringify({ ...envelope, ...change }));
    expect(error.reason).toBe('envelope');
    expect(error.errors.map((e) => e.path)).toEqual([path]);
  });

  it('rejects an envelope without data (undefined is not JSON)', () => {
    const error = violationOf(JSON.stringify({ ...envelope, data: undefined }));
    expect(error.errors).toEqual([{ path: '', message: "must have property 'data'" }]);
  });

  it('validateEnvelope checks an already parsed value the same way', () => {
    expect(validateEnvelope(envelope)).toBe(envelope);
    expect(() => validateEnvelope({ ...envelope, version: 'one' })).toThrow(ContractViolationError);
  });
});

describe('envelope headers and schema file', () => {
  it('carry type, version and correlation as strings', () => {
    expect(envelopeHeaders(envelope)).toEqual({
      [ENVELOPE_HEADERS.contentType]: 'application/json',
      [ENVELOPE_HEADERS.eventId]: envelope.id,
      [ENVELOPE_HEADERS.eventType]: 'ConsultationOpened',
      [ENVELOPE_HEADERS.eventVersion]: '1',
      [ENVELOPE_HEADERS.correlationId]: 'cmd-1',
      [ENVELOPE_HEADERS.causationId]: 'cmd-1',
    });
  });

  it('the checked-in JSON Schema file is the schema the validator uses', () => {
    const file = join(__dirname, '..', 'schemas', 'envelope.v1.schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(ENVELOPE_SCHEMA);
  });
});
