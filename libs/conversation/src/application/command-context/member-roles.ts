import { type ParticipantRole } from '@switchboard/contracts';
import { type AuthUser } from '@switchboard/platform';
import { conversationForbidden, isStaff } from '../../domain';

/**
 * A member's platform role as declared by `actor`: customers may only add customers (they
 * cannot make someone look like an agent to other members); staff may declare any role.
 * Undeclared means customer.
 */
export function declaredRole(
  actor: AuthUser,
  conversationId: string,
  declared: ParticipantRole | undefined,
): ParticipantRole {
  const role = declared ?? 'customer';
  if (role !== 'customer' && !isStaff(actor.role)) {
    throw conversationForbidden(
      conversationId,
      'only staff may declare a member role other than customer',
    );
  }
  return role;
}
