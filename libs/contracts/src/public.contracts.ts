import { AGENT_EVENT_CONTRACTS } from './agent-events.schema';
import { ORDER_PLACED_CONTRACT } from './commerce-orders.contract';
import { CONSULTATION_EVENT_CONTRACTS } from './consultation-events.schema';
import type { ContractDefinition, ContractRegistry } from './contract.registry';
import { IM_MESSAGE_CONTRACTS } from './im-messages.schema';
import { PUSH_REQUESTED_CONTRACT } from './push-requests.contract';

/**
 * Every (topic, type, version) contract of Switchboard's public topics (v1), topic by topic. The
 * default registry holds them all, so the relay refuses (dead-letters) an event that breaks its
 * contract; the AsyncAPI document and the JSON Schema files under `libs/contracts/schemas/` are
 * generated from this list.
 */
export const PUBLIC_CONTRACTS: readonly ContractDefinition[] = Object.freeze([
  ...CONSULTATION_EVENT_CONTRACTS,
  ...IM_MESSAGE_CONTRACTS,
  ...AGENT_EVENT_CONTRACTS,
  PUSH_REQUESTED_CONTRACT,
  ORDER_PLACED_CONTRACT,
]);

/** Registers {@link PUBLIC_CONTRACTS} with `registry` (idempotent). */
export function registerPublicContracts(registry: ContractRegistry): ContractRegistry {
  for (const contract of PUBLIC_CONTRACTS) registry.register(contract);
  return registry;
}
