import {
  type ContractDefinition,
  type ContractRegistry,
  defaultContractRegistry,
  ENVELOPE_HEADERS,
  ENVELOPE_SCHEMA,
  sampleEnvelope,
} from '@switchboard/contracts';
import { topicDoc } from './asyncapi.topics';

/**
 * `npm run contracts:asyncapi` — regenerates `docs/asyncapi.yaml` and the JSON Schema files under
 * `libs/contracts/schemas/` from the contract registry (see contract-artifacts.ts). A test fails
 * when a checked-in file differs from what this generates.
 */

export const ASYNCAPI_TITLE = 'Switchboard public topics';
const KAFKA_BINDING = '0.5.0';

type Doc = Record<string, unknown>;

/** `#/components/...` id of a message kind: `<channelId>.<type>.v<version>`. */
export function messageId(contract: ContractDefinition): string {
  return `${topicDoc(contract.topic).channelId}.${contract.type}.v${contract.version}`;
}

/**
 * The AsyncAPI 3.0.0 document of every contract in `registry`: one channel per topic (address =
 * topic name, Kafka key documented), one message per (type, version) whose payload is the
 * envelope with `data` = the contract's schema, and a `receive` operation per channel for
 * consumers (plus `send` for topics written from outside Switchboard). Deterministic: the same
 * registry gives the same document.
 */
export function buildAsyncApi(registry: ContractRegistry): Doc {
  const byTopic = new Map<string, ContractDefinition[]>();
  for (const contract of registry.list()) {
    byTopic.set(contract.topic, [...(byTopic.get(contract.topic) ?? []), contract]);
  }
  const channels: Doc = {};
  const operations: Doc = {};
  const messages: Doc = {};
  const schemas: Doc = { Envelope: envelopeSchema(), EnvelopeHeaders: headersSchema() };
  for (const [topic, contracts] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    const doc = topicDoc(topic);
    const channelMessages: Doc = {};
    for (const contract of contracts) {
      const id = messageId(contract);
      const key = `${contract.type}.v${contract.version}`;
      channelMessages[key] = { $ref: `#/components/messages/${id}` };
      schemas[`${id}.data`] = contract.dataSchema;
      messages[id] = messageOf(contract, id, doc.key);
    }
    channels[doc.channelId] = {
      address: topic,
      title: topic,
      description: `${doc.description} Key: ${doc.key}. Dead letters: \`${topic}.dlq\`.`,
      messages: channelMessages,
      bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING } },
    };
    const refs = Object.keys(channelMessages).map((key) => ({
      $ref: `#/channels/${doc.channelId}/messages/${key.replace(/\//g, '~1')}`,
    }));
    operations[`receive${upperFirst(doc.channelId)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${doc.channelId}` },
      summary: `Consume ${topic} (at-least-once; deduplicate by envelope id).`,
      messages: refs,
    };
    if (doc.producedBy !== undefined) {
      operations[`send${upperFirst(doc.channelId)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${doc.channelId}` },
        summary: `Publish ${topic}; written by ${doc.producedBy}.`,
        messages: refs,
      };
    }
  }
  // A deep copy: shared schema fragments must not become YAML anchors.
  return JSON.parse(
    JSON.stringify({
      asyncapi: '3.0.0',
      info: {
        title: ASYNCAPI_TITLE,
        version: '1.0.0',
        description:
          'Every message on a public topic is one JSON envelope {id, type, version, streamId, ' +
          'revision, position, occurredAt, correlationId, causationId, data}; `data` follows the ' +
          'schema of its (type, version). Delivery is at-least-once and ordered per key. Fields ' +
          'may be added inside v1: ignore what you do not know. Generated from libs/contracts by ' +
          'scripts/contracts/asyncapi.ts; do not edit by hand.',
      },
      defaultContentType: 'application/json',
      servers: {
        kafka: {
          host: 'localhost:9092',
          protocol: 'kafka',
          description: 'The Kafka cluster of the deployment (KAFKA_BROKERS).',
        },
      },
      channels,
      operations,
      components: { messages, schemas },
    }),
  ) as Doc;
}

function messageOf(contract: ContractDefinition, id: string, key: string): Doc {
  return {
    name: contract.type,
    title: `${contract.type} v${contract.version}`,
    ...(contract.description === undefined ? {} : { summary: contract.description }),
    contentType: 'application/json',
    headers: { $ref: '#/components/schemas/EnvelopeHeaders' },
    payload: {
      allOf: [
        { $ref: '#/components/schemas/Envelope' },
        {
          type: 'object',
          properties: {
            type: { const: contract.type },
            version: { const: contract.version },
            data: { $ref: `#/components/schemas/${id}.data` },
          },
        },
      ],
    },
    bindings: {
      kafka: { key: { type: 'string', description: key }, bindingVersion: KAFKA_BINDING },
    },
    ...examplesOf(contract),
  };
}

/** The contract's sample envelope, when it has one (v1 of the public topics). */
function examplesOf(contract: ContractDefinition): Doc {
  if (contract.version !== 1) return {};
  try {
    return {
      examples: [{ name: 'sample', payload: sampleEnvelope(contract.topic, contract.type) }],
    };
  } catch {
    return {};
  }
}

/** The Kafka headers every message carries (strings), so a consumer can route without parsing. */
function headersSchema(): Doc {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.values(ENVELOPE_HEADERS).map((name) => [name, { type: 'string' }]),
    ),
  };
}

/** The envelope schema as an AsyncAPI component (no `$schema`/`$id`: it lives inside the doc). */
function envelopeSchema(): Doc {
  const { $schema: _schema, $id: _id, ...schema } = ENVELOPE_SCHEMA;
  return schema;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

if (require.main === module) {
  // Loaded lazily: the CLI's file writing is not part of the document builder.
  import('./contract-artifacts')
    .then(({ writeContractArtifacts }) =>
      writeContractArtifacts(buildAsyncApi(defaultContractRegistry)),
    )
    .then((written) => written.forEach((file) => console.log(`wrote ${file}`)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
