import {
  type ConsultationFactData,
  type CustomerFactData,
  type Fact,
  subjectOf,
} from '@switchboard/data';
import type { CustomerFacts } from '../src/domain/customer-facts';

/**
 * Builds facts as the data service's projection would store them, without the projection:
 * one consultation or customer at a time, revisions counting up per subject.
 */
export class FactsBuilder {
  private readonly facts: Fact[] = [];
  private readonly revisions = new Map<string, number>();

  /** Opens a consultation: the `consultation:` fact `opened` and the `customer:` index fact. */
  opened(
    at: string,
    consultationId: string,
    customerId: string,
    domain = 'travel',
    group: string | null = null,
  ): this {
    this.consultation(consultationId, at, 'opened', {
      customerId,
      domain,
      group,
      conversationId: `conv-${consultationId}`,
      subject: null,
    });
    return this.customer(customerId, at, 'consultation', { consultationId, domain });
  }

  consultation<K extends keyof ConsultationFactData>(
    consultationId: string,
    at: string,
    kind: K,
    data: ConsultationFactData[K],
  ): this {
    return this.add(subjectOf('consultation', consultationId), at, kind, data);
  }

  customer<K extends keyof CustomerFactData>(
    customerId: string,
    at: string,
    kind: K,
    data: CustomerFactData[K],
  ): this {
    return this.add(subjectOf('customer', customerId), at, kind, data);
  }

  message(
    consultationId: string,
    at: string,
    seq: number,
    senderId: string,
    senderRole: ConsultationFactData['message']['senderRole'],
    internal = false,
  ): this {
    return this.consultation(consultationId, at, 'message', {
      messageId: `m-${consultationId}-${seq}`,
      seq,
      senderId,
      senderRole,
      internal,
    });
  }

  /** The `rated` consultation fact and the `customer:` index fact, as the projection writes. */
  rated(
    consultationId: string,
    customerId: string,
    at: string,
    score: number,
    comment: string | null = null,
  ): this {
    this.consultation(consultationId, at, 'rated', { score, comment });
    return this.customer(customerId, at, 'rating', { consultationId, score });
  }

  order(
    customerId: string,
    at: string,
    orderId: string,
    amountMinor: number,
    currency = 'EUR',
    domain: string | null = 'travel',
  ): this {
    return this.customer(customerId, at, 'order', { orderId, domain, amountMinor, currency });
  }

  all(): Fact[] {
    return [...this.facts];
  }

  /** What the user module reads for `customerId` (every consultation indexed under them). */
  of(customerId: string): CustomerFacts {
    const customer = this.facts.filter((f) => f.subject === subjectOf('customer', customerId));
    const consultations = new Map<string, Fact[]>();
    for (const fact of customer) {
      const id = (fact.data as { consultationId?: string }).consultationId;
      if (id === undefined) continue;
      consultations.set(
        id,
        this.facts.filter((f) => f.subject === subjectOf('consultation', id)),
      );
    }
    return { customerId, customer, consultations };
  }

  private add(subject: string, at: string, kind: string, data: object): this {
    const revision = this.revisions.get(subject) ?? 0;
    this.revisions.set(subject, revision + 1);
    this.facts.push({
      id: `${subject}#${revision}`,
      subject,
      kind,
      at,
      revision,
      data: data as Fact['data'],
    });
    return this;
  }
}
