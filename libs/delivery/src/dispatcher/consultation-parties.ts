import { type Envelope, TOPICS } from '@switchboard/contracts';
import { BoundedLru } from './bounded-lru';
import type { ConsultationParties } from './dispatch.plan';

/**
 * Optional fallback for a consultation the dispatcher has not seen open (it started after
 * the ConsultationOpened left the topic's retention, or another member of the group had its
 * partition). The integrator may back it with the consultation context's query side.
 */
export interface ConsultationDirectory {
  partiesOf(consultationId: string): Promise<ConsultationParties | undefined>;
}

export const CONSULTATION_DIRECTORY = Symbol('ConsultationDirectory');

/**
 * consultationId → {customerId, agentId}, learned from the events themselves: each
 * consultation event names only its own data, and later ones (Resolved, Closed...) do not
 * name the customer. Fed by both topics: ConsultationOpened/Assigned/Accepted/Transferred/
 * Requeued, and on `im.messages.v1` a consultation conversation's ConversationCreated members
 * and MessagePosted sender/recipients, so the customer is known again after the first
 * message even when the open was missed. Bounded: the least recently used entries go first.
 */
export class ConsultationPartiesCache {
  private readonly known: BoundedLru<string, ConsultationParties>;

  constructor(
    capacity: number,
    private readonly directory?: ConsultationDirectory,
  ) {
    this.known = new BoundedLru(capacity);
  }

  /** What is known before `consultationId`'s next event, asking the directory on a miss. */
  async lookup(consultationId: string): Promise<ConsultationParties> {
    const cached = this.known.get(consultationId);
    if (cached !== undefined) return cached;
    const found = (await this.directory?.partiesOf(consultationId)) ?? {};
    this.known.set(consultationId, found);
    return found;
  }

  /** Folds one event into the parties of its consultation (if it names one). */
  learn(
    topic: string,
    envelope: Envelope,
    before?: ConsultationParties,
  ): ConsultationParties | undefined {
    const data = envelope.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return undefined;
    const consultationId = str(data.consultationId);
    if (consultationId === undefined) return undefined;
    const current = before ?? this.known.get(consultationId) ?? {};
    const next =
      topic === TOPICS.consultationEvents
        ? fromConsultationEvent(envelope.type, data, current)
        : fromImMessage(envelope.type, data, current);
    this.known.set(consultationId, next);
    return next;
  }
}

function fromConsultationEvent(
  type: string,
  data: Record<string, unknown>,
  current: ConsultationParties,
): ConsultationParties {
  switch (type) {
    case 'ConsultationOpened':
      return { customerId: str(data.customerId) ?? current.customerId };
    case 'ConsultationAssigned':
    case 'ConsultationAccepted':
      return { ...current, agentId: str(data.agentId) ?? current.agentId };
    case 'ConsultationTransferred': {
      const to = data.to as { agentId?: unknown } | null | undefined;
      return { customerId: current.customerId, agentId: str(to?.agentId) };
    }
    case 'ConsultationRequeued':
    case 'ConsultationReopened':
      return { customerId: current.customerId };
    default:
      return current;
  }
}

function fromImMessage(
  type: string,
  data: Record<string, unknown>,
  current: ConsultationParties,
): ConsultationParties {
  if (current.customerId !== undefined) return current;
  const people: unknown[] =
    type === 'ConversationCreated'
      ? asArray(data.members)
      : type === 'MessagePosted'
        ? [{ userId: data.senderId, role: data.senderRole }, ...asArray(data.recipients)]
        : [];
  const customer = people.find(
    (person) => (person as { role?: unknown } | null)?.role === 'customer',
  ) as { userId?: unknown } | undefined;
  const customerId = str(customer?.userId);
  return customerId === undefined ? current : { ...current, customerId };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
