import type { ConsultationSummary } from './customer-facts';

/** The caller, as the token names them (structurally an `AuthUser` of the platform). */
export interface Viewer {
  readonly userId: string;
  readonly role: 'customer' | 'agent' | 'supervisor' | 'admin';
}

/**
 * Who may see a customer's profile, timeline and satisfaction history:
 * - a customer: only themselves;
 * - an agent: only while they hold one of the customer's consultations (assigned to them, or
 *   resolved by them and not yet closed). Holding it in the past does not count: the rule needs
 *   no clock or window, gives the least access that lets an agent serve the customer in front
 *   of them, and a reopen offered to the same agent restores it. Supervisors see history;
 * - supervisors and admins: anyone.
 *
 * `consultations` are the customer's consultations folded from the read model, which follows
 * the topics: an agent may wait a moment after an assignment before the rule admits them.
 */
export function mayViewCustomer(
  viewer: Viewer,
  customerId: string,
  consultations: readonly ConsultationSummary[],
): boolean {
  switch (viewer.role) {
    case 'customer':
      return viewer.userId === customerId;
    case 'agent':
      return consultations.some((consultation) => consultation.agentId === viewer.userId);
    case 'supervisor':
    case 'admin':
      return true;
  }
}

/** Staff see internal notes in a timeline; a customer never does, not even their own page. */
export function seesInternalNotes(viewer: Viewer): boolean {
  return viewer.role !== 'customer';
}
