import type { ConsumedMessage } from '@switchboard/bus';
import { type ContractRegistry, isContractViolation } from '@switchboard/contracts';
import type { Fact } from '../domain/fact';
import { toFacts } from '../domain/to-facts';
import { isUnsupportedMessage } from '../domain/unsupported-message.error';

/** A topic message as facts, or why it cannot be projected (it then goes to the DLQ). */
export type Projected =
  { readonly ok: true; readonly facts: Fact[] } | { readonly ok: false; readonly reason: string };

/**
 * Parses one consumed message against its topic's contracts and maps it to facts. Never throws:
 * malformed JSON, a broken contract, an unsupported version or data without the fields the
 * facts need are a rejection with a reason; so is an unexpected mapping error, so that one bad
 * message can never block its partition through endless redelivery.
 */
export function projectMessage(message: ConsumedMessage, contracts: ContractRegistry): Projected {
  try {
    const envelope = contracts.parse(message.value, message.topic);
    return { ok: true, facts: toFacts(message.topic, envelope) };
  } catch (error) {
    return { ok: false, reason: rejectionReason(error) };
  }
}

/** `<code>: <message>`, e.g. `CONTRACT_VIOLATION: Contract violation on … (malformed-json) …`. */
export function rejectionReason(error: unknown): string {
  if (isContractViolation(error) || isUnsupportedMessage(error)) {
    return `${error.code}: ${error.message}`;
  }
  return `PROJECTION_FAILED: ${error instanceof Error ? error.message : String(error)}`;
}
