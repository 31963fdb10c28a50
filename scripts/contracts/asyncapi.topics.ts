import { TOPICS } from '@switchboard/contracts';

/** What the AsyncAPI document says about one public topic beyond its messages. */
export interface TopicDoc {
  /** AsyncAPI channel id (`consultationEvents`). */
  readonly channelId: string;
  readonly description: string;
  /** What the Kafka message key is. */
  readonly key: string;
  /** Who writes the topic, when not Switchboard's relay. */
  readonly producedBy?: string;
}

const DOCS: Readonly<Record<string, Omit<TopicDoc, 'channelId'>>> = {
  [TOPICS.consultationEvents]: {
    description:
      'Consultation lifecycle (opened, assigned, accepted, requeued, transferred, resolved, ' +
      'reopened, closed, rated), activity, durable timers and automatic replies.',
    key: 'consultationId',
  },
  [TOPICS.imMessages]: {
    description: 'Conversations, members, messages (with per-conversation seq) and read cursors.',
    key: 'conversationId',
  },
  [TOPICS.agentEvents]: {
    description: 'Agent registration, status, capacity, groups, skills, weight and load.',
    key: 'agentId',
  },
  [TOPICS.pushRequests]: {
    description: 'Offline notifications for one user each, written by the dispatcher.',
    key: "the recipient's userId",
  },
  [TOPICS.commerceOrders]: {
    description: 'Integration input: orders placed on the commerce side, for conversion metrics.',
    key: 'orderId',
    producedBy: 'commerce systems (or Switchboard’s orders integration endpoint)',
  },
};

/** The channel id and description of `topic`; an unknown topic gets a derived id. */
export function topicDoc(topic: string): TopicDoc {
  const entry = Object.entries(TOPICS).find(([, name]) => name === topic);
  const channelId =
    entry?.[0] ?? topic.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase());
  const doc = DOCS[topic] ?? { description: `Messages on ${topic}.`, key: 'the aggregate id' };
  return { channelId, ...doc };
}
