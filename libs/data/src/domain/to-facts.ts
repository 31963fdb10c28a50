import { TOPICS, type Envelope } from '@switchboard/contracts';
import { subjectOf, type Fact } from './fact';
import { agentFacts, consultationFacts, messageFacts, orderFacts } from './fact-mappers';
import { type FactDraft } from './fact-draft';
import { MalformedField, asData } from './message-fields';
import { UnsupportedMessageError } from './unsupported-message.error';

/** Per topic: the event types that yield facts (version 1 each), and their mappers. */
const MAPPERS: Readonly<Record<string, Readonly<Record<string, FactMapper>>>> = {
  [TOPICS.consultationEvents]: consultationFacts,
  [TOPICS.imMessages]: messageFacts,
  [TOPICS.agentEvents]: agentFacts,
  [TOPICS.commerceOrders]: orderFacts,
};

type FactMapper = (data: ReturnType<typeof asData>) => readonly FactDraft[];

/** The only `data` version of each mapped type this code reads. */
const SUPPORTED_VERSION = 1;

/**
 * A topic message as facts (pure). Types that no metric or timeline needs give `[]`; so does
 * an unknown topic. Ids are stable (`envelope.id`, then `envelope.id:1`…) so a redelivered
 * message yields the same facts; `at` is the event's own time, `revision` the envelope's.
 *
 * @throws UnsupportedMessageError `UNSUPPORTED_VERSION` for a mapped type in another version,
 *   `MALFORMED_DATA` when `data` lacks a field the facts need.
 */
export function toFacts(topic: string, envelope: Envelope): Fact[] {
  const mappers = Object.hasOwn(MAPPERS, topic) ? MAPPERS[topic] : {};
  if (!Object.hasOwn(mappers, envelope.type)) return [];
  const mapper = mappers[envelope.type];
  const details = {
    topic,
    type: envelope.type,
    version: envelope.version,
    id: envelope.id,
  };
  if (envelope.version !== SUPPORTED_VERSION) {
    throw new UnsupportedMessageError(
      'UNSUPPORTED_VERSION',
      `${envelope.type} v${String(envelope.version)} on ${topic} is not supported (only v1)`,
      details,
    );
  }
  let drafts: readonly FactDraft[];
  try {
    drafts = mapper(asData(envelope.data));
  } catch (error) {
    if (!(error instanceof MalformedField)) throw error;
    throw new UnsupportedMessageError(
      'MALFORMED_DATA',
      `${envelope.type} v1 on ${topic} (${envelope.id}): ${error.message}`,
      details,
    );
  }
  return drafts.map((draft, n) => ({
    id: n === 0 ? envelope.id : `${envelope.id}:${String(n)}`,
    subject: subjectOf(draft.subjectKind, draft.subjectId),
    kind: draft.kind,
    at: draft.at,
    revision: envelope.revision,
    data: draft.data,
  }));
}
