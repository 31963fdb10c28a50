import { type ContractDefinition, ContractRegistry } from './contract.registry';
import type { Envelope } from './envelope.contract';
import { registerPublicContracts } from './public.contracts';

/**
 * The process-wide registry behind {@link registerContract} and {@link parseEnvelope}, holding
 * every public contract (`PUBLIC_CONTRACTS`) from the start. Tests that register
 * throwaway contracts make their own `new ContractRegistry()`.
 */
export const defaultContractRegistry = registerPublicContracts(new ContractRegistry());

/**
 * Registers the `data` schema of (topic, type, version) with the default registry.
 *
 * @throws Error for an invalid schema or a different schema already under the same key.
 */
export function registerContract(definition: ContractDefinition): void {
  defaultContractRegistry.register(definition);
}

/**
 * Parses and validates a message value from a public topic. With `topic`, `data` is also
 * checked against the contract registered for its (type, version), when there is one.
 *
 * Consumers call it first thing and send a failure to `dlqTopic(topic)`.
 *
 * @throws ContractViolationError (code `CONTRACT_VIOLATION`) for malformed JSON or a message
 *   that breaks its contract; nothing else.
 */
export function parseEnvelope<E extends Envelope = Envelope>(
  raw: string | Uint8Array,
  topic?: string,
): E {
  return defaultContractRegistry.parse<E>(raw, topic);
}

/**
 * Validates an already-parsed value, as {@link parseEnvelope} does after `JSON.parse`.
 *
 * @throws ContractViolationError
 */
export function validateEnvelope<E extends Envelope = Envelope>(value: unknown, topic?: string): E {
  return defaultContractRegistry.validate<E>(value, topic);
}

/** The message value for an envelope. */
export function serializeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope);
}
