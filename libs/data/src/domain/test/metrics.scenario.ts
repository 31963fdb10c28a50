import { TOPICS, type Envelope } from '@switchboard/contracts';
import { InMemoryFactStore } from '../../store/in-memory.fact-store';
import type { Fact } from '../fact';
import type { MetricRow, MetricsQuery } from '../metrics.types';
import { computeMetrics } from '../metrics';
import { toFacts } from '../to-facts';

/** `2026-12-07T09:00` → ISO instant in UTC (tests read as wall-clock UTC). */
export const t = (local: string): string => new Date(`${local}:00.000Z`).toISOString();
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/**
 * Given: a scripted history as topic messages (envelopes with dense per-stream revisions and
 * stable ids), turned into facts with `toFacts` exactly as the projector does.
 */
export class Scenario {
  private readonly revisions = new Map<string, number>();
  private readonly envelopes: { topic: string; envelope: Envelope }[] = [];

  publish(topic: string, streamId: string, type: string, data: Record<string, unknown>): this {
    const revision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, revision + 1);
    const id = `${streamId}@${String(revision)}`;
    const envelope: Envelope = {
      ...{ id, type, version: 1, streamId, revision, position: this.envelopes.length },
      ...{ occurredAt: '2026-01-01T00:00:00.000Z', correlationId: id, causationId: id, data },
    };
    this.envelopes.push({ topic, envelope });
    return this;
  }

  consultation(id: string, type: string, at: string, data: Record<string, unknown> = {}): this {
    return this.publish(TOPICS.consultationEvents, `consultation-${id}`, type, {
      consultationId: id,
      at,
      ...data,
    });
  }

  opened(id: string, at: string, more: Record<string, unknown> = {}): this {
    return this.consultation(id, 'ConsultationOpened', at, {
      ...{ customerId: `cust-${id}`, domain: 'travel', group: null, subject: null },
      ...{ context: {}, conversationId: `conv-${id}`, ...more },
    });
  }

  assigned(id: string, agentId: string, at: string, group: string | null = null): this {
    return this.consultation(id, 'ConsultationAssigned', at, {
      ...{ agentId, group, acceptDeadline: at },
      reason: { strategy: 'least_load', candidates: [], winner: agentId },
    });
  }

  /** A message in the consultation's conversation. */
  say(id: string, role: string, senderId: string, at: string, internal = false): this {
    const seq = (this.revisions.get(`conversation-conv-${id}`) ?? 0) + 1;
    return this.publish(TOPICS.imMessages, `conversation-conv-${id}`, 'MessagePosted', {
      ...{ conversationId: `conv-${id}`, messageId: `m-${id}-${String(seq)}`, seq, senderId },
      ...{ senderRole: role, clientMsgId: `c${String(seq)}`, type: 'text', text: 'hi' },
      ...{ attachment: null, internal, kind: 'consultation', domain: 'travel' },
      ...{ consultationId: id, recipients: [], masked: false, createdAt: at },
    });
  }

  agent(agentId: string, type: string, at: string, data: Record<string, unknown> = {}): this {
    return this.publish(TOPICS.agentEvents, `agent-${agentId}`, type, { agentId, at, ...data });
  }

  status(agentId: string, status: string, at: string): this {
    return this.agent(agentId, 'AgentStatusChanged', at, {
      status,
      previousStatus: 'offline',
      held: [],
    });
  }

  taken(agentId: string, consultationId: string, at: string): this {
    return this.agent(agentId, 'AgentConsultationTaken', at, {
      consultationId,
      load: 1,
      capacity: 5,
    });
  }

  released(agentId: string, consultationId: string, at: string): this {
    return this.agent(agentId, 'AgentConsultationReleased', at, {
      consultationId,
      load: 0,
      reason: null,
    });
  }

  order(orderId: string, customerId: string, placedAt: string, amountMinor: number): this {
    return this.publish(TOPICS.commerceOrders, `order-${orderId}`, 'OrderPlaced', {
      ...{ orderId, customerId, domain: 'travel', amountMinor, currency: 'EUR', placedAt },
    });
  }

  facts(): Fact[] {
    return this.envelopes.flatMap(({ topic, envelope }) => toFacts(topic, envelope));
  }

  async store(facts: readonly Fact[] = this.facts()): Promise<InMemoryFactStore> {
    const store = new InMemoryFactStore();
    await store.append(facts, []);
    return store;
  }
}

export const DAY_QUERY: MetricsQuery = {
  from: t('2026-12-07T00:00'),
  to: t('2026-12-08T00:00'),
  bucket: 'day',
  dimension: 'all',
  conversionWindowMs: 24 * HOUR,
};

/** When: the metrics of the scenario for `query` (default: 7 Dec 2026, one UTC day, `all`). */
export async function rows(
  scenario: Scenario,
  query: Partial<MetricsQuery> = {},
): Promise<MetricRow[]> {
  const report = await computeMetrics(await scenario.store(), { ...DAY_QUERY, ...query });
  return [...report.rows];
}

/** The only row of a report, or the row of `key`. */
export function row(all: readonly MetricRow[], key = 'all'): MetricRow {
  const found = all.filter((r) => r.key === key);
  if (found.length !== 1)
    throw new Error(`expected one row for ${key}, got ${String(found.length)}`);
  return found[0];
}
