import { type AuthUser } from '@switchboard/platform';
import { type OpenedConsultation } from '../../domain';
import { consultationForbidden } from './access.errors';

/**
 * Who may do what to one consultation, decided on its folded state (the same state the command
 * is decided on, so a transfer that lands between a check and an append cannot slip through).
 * Role checks (`@Roles`) run first at the edge; these rules are the per-consultation half.
 */

const isManager = (actor: AuthUser): boolean =>
  actor.role === 'supervisor' || actor.role === 'admin';

/** The agent it is assigned to (kept through `resolved`, so they may still close it). */
const holds = (actor: AuthUser, c: OpenedConsultation): boolean =>
  actor.role === 'agent' && c.assignedAgentId === actor.userId;

const owns = (actor: AuthUser, c: OpenedConsultation): boolean =>
  actor.role === 'customer' && c.customerId === actor.userId;

/**
 * Customers see their own; agents see what they hold or held, what is in their groups, and
 * group-less consultations still waiting (any agent may be routed those); managers see all.
 */
export function canView(
  actor: AuthUser,
  c: OpenedConsultation,
  agentGroups: readonly string[],
): boolean {
  switch (actor.role) {
    case 'customer':
      return owns(actor, c);
    case 'agent':
      return (
        c.assignedAgentId === actor.userId ||
        c.lastAgentId === actor.userId ||
        (c.group !== null && agentGroups.includes(c.group)) ||
        (c.group === null && c.status === 'pending')
      );
    case 'supervisor':
    case 'admin':
      return true;
  }
}

export function assertCanView(
  actor: AuthUser,
  c: OpenedConsultation,
  agentGroups: readonly string[],
): void {
  if (!canView(actor, c, agentGroups)) {
    throw consultationForbidden('You may not see this consultation');
  }
}

/** Customer: their own. Agent: one assigned to them. Supervisor, admin: any. */
export function assertCanClose(actor: AuthUser, c: OpenedConsultation): void {
  if (owns(actor, c) || holds(actor, c) || isManager(actor)) return;
  throw consultationForbidden('You may close only your own or your assigned consultations');
}

/** Agent: one assigned to them. Supervisor, admin: any. */
export function assertCanTransfer(actor: AuthUser, c: OpenedConsultation): void {
  if (holds(actor, c) || isManager(actor)) return;
  throw consultationForbidden('You may transfer only consultations assigned to you');
}

/** Only the agent it is assigned to. */
export function assertCanResolve(actor: AuthUser, c: OpenedConsultation): void {
  if (holds(actor, c)) return;
  throw consultationForbidden('You may resolve only consultations assigned to you');
}

/** Only the customer who opened it. */
export function assertCanRate(actor: AuthUser, c: OpenedConsultation): void {
  if (owns(actor, c)) return;
  throw consultationForbidden('You may rate only your own consultations');
}

/** The customer who opened it; supervisor, admin: any. */
export function assertCanReopen(actor: AuthUser, c: OpenedConsultation): void {
  if (owns(actor, c) || isManager(actor)) return;
  throw consultationForbidden('You may reopen only your own consultations');
}
