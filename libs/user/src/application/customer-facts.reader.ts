import { Inject, Injectable } from '@nestjs/common';
import { FACT_STORE, type Fact, type FactStore, subjectOf } from '@switchboard/data';
import {
  consultationIdsOf,
  type CustomerFacts,
  customerNotFound,
  mayViewCustomer,
  summarizeConsultations,
  type Viewer,
} from '../domain';

/** Subjects per `find`: keeps the SQL adapters under their bound-parameter limits. */
export const SUBJECTS_PER_FIND = 500;

/**
 * Reads one customer's facts from the data service's read model (FACT_STORE, provided by the
 * data module) and applies the access rule. Two reads: the customer's index facts name their
 * consultations, whose facts come next.
 */
@Injectable()
export class CustomerFactsReader {
  constructor(@Inject(FACT_STORE) private readonly store: FactStore) {}

  async load(customerId: string): Promise<CustomerFacts> {
    const customer = await this.store.find({ subjects: [subjectOf('customer', customerId)] });
    const ids = consultationIdsOf(customer);
    const consultations = new Map<string, Fact[]>(ids.map((id) => [id, []]));
    for (let i = 0; i < ids.length; i += SUBJECTS_PER_FIND) {
      const subjects = ids
        .slice(i, i + SUBJECTS_PER_FIND)
        .map((id) => subjectOf('consultation', id));
      for (const fact of await this.store.find({ subjects })) {
        consultations.get(fact.subject.slice('consultation:'.length))?.push(fact);
      }
    }
    return { customerId, customer, consultations };
  }

  /**
   * The facts, if `viewer` may see this customer. Otherwise, and for staff asking about a
   * customer the read model has never heard of, `CUSTOMER_NOT_FOUND` (404): a denied caller
   * cannot tell an existing customer from an unknown one. A customer asking about themselves
   * always gets an answer, empty before their first consultation or order.
   */
  async loadVisible(viewer: Viewer, customerId: string): Promise<CustomerFacts> {
    if (viewer.role === 'customer' && viewer.userId !== customerId) {
      throw customerNotFound(customerId);
    }
    const facts = await this.load(customerId);
    const self = viewer.role === 'customer';
    const known = facts.customer.length > 0 || facts.consultations.size > 0;
    if (!self && !known) throw customerNotFound(customerId);
    if (!mayViewCustomer(viewer, customerId, summarizeConsultations(facts))) {
      throw customerNotFound(customerId);
    }
    return facts;
  }
}
