import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ContractViolationError, type ContractViolationDetail } from './contract-violation.error';
import type { Envelope } from './envelope.contract';
import { ENVELOPE_SCHEMA } from './envelope.schema';

/** A JSON Schema document (draft 2020-12, or without `$schema`). */
export type JsonSchema = boolean | Readonly<Record<string, unknown>>;

/**
 * The contract of one message kind on one topic: the schema of `data` for a (type, version).
 * Contexts register theirs at start-up (next to their public event mapping); the AsyncAPI
 * document lists them.
 */
export interface ContractDefinition {
  readonly topic: string;
  readonly type: string;
  /** From 1; a changed `data` shape is a new version, never an edit of a registered one. */
  readonly version: number;
  readonly dataSchema: JsonSchema;
  readonly description?: string;
}

interface Registered {
  readonly definition: ContractDefinition;
  readonly fingerprint: string;
  readonly validate: ValidateFunction;
}

/**
 * Validates envelopes and, where a contract is registered for the message's (topic, type,
 * version), its `data`. Messages of a type nobody registered pass on the envelope alone, so a
 * context can start publishing before it writes its data schemas.
 */
export class ContractRegistry {
  private readonly ajv: Ajv2020;
  private readonly validateShape: ValidateFunction<Envelope>;
  private readonly contracts = new Map<string, Registered>();

  constructor() {
    // strict: a typo in a registered schema (`minLenght`) fails registration instead of
    // silently validating nothing.
    this.ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(this.ajv);
    this.validateShape = this.ajv.compile<Envelope>(ENVELOPE_SCHEMA);
  }

  /**
   * Registers a data contract. Registering the same definition again is a no-op (modules may
   * be instantiated more than once); a different schema under the same key is an error.
   *
   * @throws Error for an invalid definition, a schema Ajv cannot compile, or a conflict.
   */
  register(definition: ContractDefinition): void {
    const { topic, type, version, dataSchema } = definition;
    if (typeof topic !== 'string' || topic.length === 0) throw new Error('Contract: empty topic');
    if (typeof type !== 'string' || type.length === 0) throw new Error('Contract: empty type');
    if (!Number.isInteger(version) || version < 1) {
      throw new Error(`Contract ${topic} ${type}: version must be an integer >= 1`);
    }
    const key = keyOf(topic, type, version);
    const fingerprint = JSON.stringify(dataSchema);
    const existing = this.contracts.get(key);
    if (existing !== undefined) {
      if (existing.fingerprint === fingerprint) return;
      throw new Error(`Contract ${key} is already registered with a different data schema`);
    }
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(dataSchema as object);
    } catch (error) {
      throw new Error(`Contract ${key}: invalid data schema: ${(error as Error).message}`);
    }
    this.contracts.set(key, { definition, fingerprint, validate });
  }

  /** The contract registered for (topic, type, version), if any. */
  lookup(topic: string, type: string, version: number): ContractDefinition | undefined {
    return this.contracts.get(keyOf(topic, type, version))?.definition;
  }

  /** Every registered contract, in registration order. */
  list(): ContractDefinition[] {
    return [...this.contracts.values()].map((registered) => registered.definition);
  }

  /**
   * Checks a parsed value against the envelope schema and, when `topic` is given and a
   * contract is registered for its (type, version), `data` against that contract.
   *
   * @throws ContractViolationError
   */
  validate<E extends Envelope = Envelope>(value: unknown, topic?: string): E {
    if (!this.validateShape(value)) {
      throw new ContractViolationError('envelope', topic, details(this.validateShape.errors));
    }
    if (topic !== undefined) {
      const contract = this.contracts.get(keyOf(topic, value.type, value.version));
      if (contract !== undefined && !contract.validate(value.data)) {
        throw new ContractViolationError('data', topic, details(contract.validate.errors, '/data'));
      }
    }
    return value as E;
  }

  /**
   * Parses a topic message's value (JSON text) into an envelope and validates it.
   *
   * @throws ContractViolationError for malformed JSON or a broken contract; never anything else.
   */
  parse<E extends Envelope = Envelope>(raw: string | Uint8Array, topic?: string): E {
    let value: unknown;
    try {
      const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
      value = JSON.parse(text);
    } catch (error) {
      throw new ContractViolationError('malformed-json', topic, [
        { path: '', message: `is not valid JSON (${(error as Error).message})` },
      ]);
    }
    return this.validate<E>(value, topic);
  }
}

function keyOf(topic: string, type: string, version: number): string {
  return `${topic} ${type} v${version}`;
}

function details(errors: ErrorObject[] | null | undefined, prefix = ''): ContractViolationDetail[] {
  if (errors == null || errors.length === 0) return [{ path: prefix, message: 'is invalid' }];
  return errors.map((error) => ({
    path: `${prefix}${error.instancePath}`,
    message:
      error.keyword === 'required'
        ? `must have property '${String(error.params.missingProperty)}'`
        : (error.message ?? 'is invalid'),
  }));
}
