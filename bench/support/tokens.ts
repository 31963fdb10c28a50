import { sign } from 'jsonwebtoken';

/** The public development secret Switchboard uses when JWT_SECRET is empty (development). */
export const DEV_SECRET = 'switchboard-development-secret-do-not-use-in-production';

/** A token Switchboard (development mode) and the bare relay both accept, signed locally so
 * that 20,000 sockets do not need 20,000 dev-token requests first. */
export function devToken(userId: string, role: string): string {
  return sign({ sub: userId, role }, DEV_SECRET, {
    algorithm: 'HS256',
    expiresIn: 3_600,
    issuer: 'switchboard',
  });
}
