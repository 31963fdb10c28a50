import type { ContractDefinition } from './contract.registry';

/** One checked-in JSON Schema file: its path under `libs/contracts/schemas/` and its content. */
export interface ContractSchemaFile {
  /** POSIX path relative to `libs/contracts/schemas/`, e.g. `im.messages.v1/MessagePosted.v1.schema.json`. */
  readonly path: string;
  readonly document: Readonly<Record<string, unknown>>;
}

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** The `$id` of a contract's data schema: `urn:switchboard:contracts:<topic>:<type>:v<version>`. */
export function contractSchemaId(contract: ContractDefinition): string {
  return `urn:switchboard:contracts:${contract.topic}:${contract.type}:v${contract.version}`;
}

/**
 * The standalone JSON Schema document of a contract's `data`, as consumers outside TypeScript
 * load it: the registered schema plus `$schema`, `$id`, `title` and `description`.
 *
 * @throws Error for a boolean schema (no public contract uses one).
 */
export function contractSchemaDocument(contract: ContractDefinition): Record<string, unknown> {
  if (typeof contract.dataSchema !== 'object' || contract.dataSchema === null) {
    throw new Error(`Contract ${contract.topic} ${contract.type}: data schema must be an object`);
  }
  return {
    $schema: DRAFT_2020_12,
    $id: contractSchemaId(contract),
    title: `${contract.type} v${contract.version} data (${contract.topic})`,
    ...(contract.description === undefined ? {} : { description: contract.description }),
    ...contract.dataSchema,
  };
}

/** One file per (topic, type, version): `<topic>/<type>.v<version>.schema.json`. */
export function contractSchemaFiles(
  contracts: readonly ContractDefinition[],
): ContractSchemaFile[] {
  return contracts.map((contract) => ({
    path: `${contract.topic}/${contract.type}.v${contract.version}.schema.json`,
    document: contractSchemaDocument(contract),
  }));
}

/** A schema file's text: two-space JSON with a final newline (what prettier leaves alone). */
export function schemaFileText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
