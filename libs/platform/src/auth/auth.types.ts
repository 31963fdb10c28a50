/**
 * Who may call Switchboard. There is no implicit hierarchy: a route lists every role it admits
 * (`@Roles('agent', 'supervisor', 'admin')`), so an admin is not silently an agent and a
 * customer-only route stays customer-only. See docs/decisions.md.
 */
export const ROLES = ['customer', 'agent', 'supervisor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** Every role that works for the platform rather than buying from it. */
export const STAFF_ROLES = Object.freeze(['agent', 'supervisor', 'admin'] as const);

/** The authenticated caller, from a verified token (HTTP bearer or socket handshake). */
export interface AuthUser {
  readonly userId: string;
  readonly role: Role;
  readonly name?: string;
}

/** What a Switchboard token carries besides the registered claims (`iat`, `exp`, `iss`). */
export interface TokenClaims {
  readonly sub: string;
  readonly role: Role;
  readonly name?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
