import { type ConsumedMessage } from '@switchboard/bus';
import { TOPICS } from '@switchboard/contracts';
import { SeededRandom } from './seeded-random';
import { fillLoads, scriptAgent } from './agent-traffic';
import { type RawEvent, toConsumedMessages } from './topic-messages';

export interface DayTrafficOptions {
  readonly seed: number;
  /** `YYYY-MM-DD` (UTC). Consultations open during this day; some run past midnight. */
  readonly day: string;
  readonly consultations: number;
  readonly agents: number;
  /** Distinct customers (fewer than consultations: some come back). Default half. */
  readonly customers?: number;
  /** Prefix of every id, so several days can share a store. Default `d<seed>`. */
  readonly idPrefix?: string;
}

const S = 1_000;
const MIN = 60 * S;
const DOMAINS = ['travel', 'shop'] as const;
const GROUPS = ['flights', 'hotels', null] as const;

/** A day of traffic on the four topics the data service reads, as bus messages in time order. */
export function dayTraffic(options: DayTrafficOptions): ConsumedMessage[] {
  return toConsumedMessages(scriptDay(options), new SeededRandom(options.seed ^ 0x5eed));
}

/**
 * The scripted day: agents going online and offline, consultations with queue waits,
 * abandonment, transfers, reopens, ratings and internal notes, and orders (some inside, some
 * outside a conversion window). Returned in time order, agents' loads filled in that order.
 */
export function scriptDay(options: DayTrafficOptions): RawEvent[] {
  const random = new SeededRandom(options.seed);
  const prefix = options.idPrefix ?? `d${options.seed}`;
  const dayStart = Date.parse(`${options.day}T00:00:00.000Z`);
  const events: RawEvent[] = [];
  const agentIds = Array.from({ length: options.agents }, (_, n) => `${prefix}-agent-${n}`);
  for (const agentId of agentIds) scriptAgent(events, random, agentId, dayStart);
  const customers = options.customers ?? Math.max(1, Math.floor(options.consultations / 2));
  for (let n = 0; n < options.consultations; n++) {
    const customerId = `${prefix}-customer-${random.int(0, customers - 1)}`;
    scriptConsultation(events, random, {
      id: `${prefix}-c-${n}`,
      customerId,
      agentIds,
      openedAt: dayStart + random.int(0, 24 * 60 * MIN - 1),
    });
  }
  return fillLoads(
    events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
      .map(({ e }) => e),
  );
}

interface ConsultationScript {
  readonly id: string;
  readonly customerId: string;
  readonly agentIds: readonly string[];
  readonly openedAt: number;
}

function scriptConsultation(
  events: RawEvent[],
  random: SeededRandom,
  script: ConsultationScript,
): void {
  const { id: consultationId, customerId } = script;
  const conversationId = `${consultationId}-conv`;
  const domain = random.pick(DOMAINS);
  const group = random.pick(GROUPS);
  let t = script.openedAt;
  let seq = 0;
  const emit = (type: string, data: Record<string, unknown>) =>
    events.push({
      topic: TOPICS.consultationEvents,
      key: consultationId,
      streamId: `consultation-${consultationId}`,
      type,
      at: t,
      data: { consultationId, ...data, at: iso(t) },
    });
  const load = (type: string, agentId: string, extra: Record<string, unknown> = {}) =>
    events.push({
      topic: TOPICS.agentEvents,
      key: agentId,
      streamId: `agent-${agentId}`,
      type,
      at: t,
      data: { agentId, consultationId, load: 0, ...extra, at: iso(t) },
    });
  const message = (senderId: string, senderRole: 'customer' | 'agent', internal = false) => {
    seq += 1;
    events.push({
      topic: TOPICS.imMessages,
      key: conversationId,
      streamId: `conversation-${conversationId}`,
      type: 'MessagePosted',
      at: t,
      data: {
        conversationId,
        messageId: random.uuid(),
        seq,
        senderId,
        senderRole,
        clientMsgId: `m${seq}`,
        type: 'text',
        text: 'hello',
        attachment: null,
        internal,
        kind: 'consultation',
        domain,
        consultationId,
        recipients: [],
        masked: false,
        createdAt: iso(t),
      },
    });
  };
  const assign = (agentId: string) => {
    emit('ConsultationAssigned', {
      agentId,
      group,
      reason: { strategy: 'least_load', candidates: [], winner: agentId },
      acceptDeadline: iso(t + MIN),
    });
    load('AgentConsultationTaken', agentId, { capacity: 5 });
    t += random.int(2, 30) * S;
    emit('ConsultationAccepted', { agentId });
  };
  const chat = (agentId: string, turns: number) => {
    for (let n = 0; n < turns; n++) {
      t += random.int(10, 180) * S;
      message(agentId, 'agent', random.chance(0.1));
      t += random.int(10, 300) * S;
      message(customerId, 'customer');
    }
  };

  emit('ConsultationOpened', {
    customerId,
    domain,
    group,
    subject: null,
    context: {},
    conversationId,
  });
  t += S;
  message(customerId, 'customer');
  t += random.int(5, 600) * S;
  if (random.chance(0.1)) {
    emit('ConsultationClosed', { by: 'customer', reason: 'customer_left', agentId: null });
    return;
  }
  let agentId = random.pick(script.agentIds);
  assign(agentId);
  chat(agentId, random.int(1, 4));
  if (random.chance(0.15) && script.agentIds.length > 1) {
    const next =
      script.agentIds.find((a) => a !== agentId && random.chance(0.5)) ??
      script.agentIds.find((a) => a !== agentId)!;
    t += random.int(10, 120) * S;
    emit('ConsultationTransferred', { fromAgentId: agentId, to: { agentId: next }, by: agentId });
    load('AgentConsultationReleased', agentId, { reason: 'transferred' });
    t += S;
    agentId = next;
    assign(agentId);
    chat(agentId, random.int(1, 3));
  }
  t += random.int(30, 600) * S;
  emit('ConsultationResolved', { agentId, by: agentId });
  load('AgentConsultationReleased', agentId, { reason: 'resolved' });
  const resolvedAt = t;
  if (random.chance(0.1)) {
    t += random.int(1, 20) * MIN;
    message(customerId, 'customer');
    emit('ConsultationReopened', { previousAgentId: agentId });
    t += random.int(5, 120) * S;
    assign(agentId);
    chat(agentId, 1);
    t += random.int(30, 300) * S;
    emit('ConsultationResolved', { agentId, by: agentId });
    load('AgentConsultationReleased', agentId, { reason: 'resolved' });
  }
  if (random.chance(0.5)) {
    t += random.int(1, 10) * MIN;
    emit('ConsultationRated', {
      score: random.int(1, 5),
      comment: random.chance(0.3) ? 'thanks' : null,
    });
  }
  t = Math.max(t, resolvedAt + 30 * MIN) + S;
  emit('ConsultationClosed', { by: 'system', reason: 'resolved_timeout', agentId });
  if (random.chance(0.3)) {
    const orderId = `${consultationId}-order`;
    const placedAt = script.openedAt + random.int(10, 30 * 60) * MIN;
    events.push({
      topic: TOPICS.commerceOrders,
      key: orderId,
      streamId: `order-${orderId}`,
      type: 'OrderPlaced',
      at: placedAt,
      data: {
        orderId,
        customerId,
        domain,
        amountMinor: random.int(500, 90_000),
        currency: 'EUR',
        placedAt: iso(placedAt),
      },
    });
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
