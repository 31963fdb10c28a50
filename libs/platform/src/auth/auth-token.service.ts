import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AuthenticationError } from './auth.errors';
import { type AuthUser, isRole, type TokenClaims } from './auth.types';

/** DI token for the AuthTokenService instance (also injectable by its class). */
export const AUTH_TOKEN_SERVICE = Symbol('AuthTokenService');

/** Every token names its issuer; a token minted elsewhere with the same secret is refused. */
export const TOKEN_ISSUER = 'switchboard';

/** Only HMAC-SHA256: pinning the algorithm refuses `alg: none` and algorithm-confusion tokens. */
const ALGORITHM = 'HS256';

const MAX_USER_ID_LENGTH = 128;
const MAX_NAME_LENGTH = 200;

export interface AuthTokenOptions {
  /** HS256 key (JWT_SECRET). */
  readonly secret: string;
  /** Lifetime of issued tokens in seconds (JWT_TTL). */
  readonly ttlSeconds: number;
  /** Milliseconds since the epoch; tests pass a fixed clock. Default: the system clock. */
  readonly clock?: () => number;
}

/**
 * Signs and verifies Switchboard's bearer tokens without any request object, so the HTTP
 * guard and the socket.io handshake check tokens the same way.
 *
 * `verify` throws `AuthenticationError` (code `UNAUTHENTICATED`) for a missing, malformed,
 * badly signed or expired token, and for one whose claims are not a Switchboard user.
 */
export class AuthTokenService {
  readonly ttlSeconds: number;
  private readonly jwt: JwtService;
  private readonly clock: () => number;

  constructor(options: AuthTokenOptions) {
    if (options.secret.length < 32) throw new Error('JWT secret must be at least 32 characters');
    this.ttlSeconds = options.ttlSeconds;
    this.clock = options.clock ?? Date.now;
    // A KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a PEM
    // public key on every sign and verify (crypto.createPublicKey), which was 20-25% of the
    // server's CPU while clients connected in the relay benchmark.
    const key = createSecretKey(Buffer.from(options.secret, 'utf8'));
    this.jwt = new JwtService({ secret: key as unknown as string });
  }

  /** A signed token for `user`, valid for `ttlSeconds` (default: the configured TTL). */
  sign(user: AuthUser, options: { readonly ttlSeconds?: number } = {}): string {
    const claims: TokenClaims & { iat: number } = {
      sub: user.userId,
      role: user.role,
      ...(user.name === undefined ? {} : { name: user.name }),
      iat: Math.floor(this.clock() / 1000),
    };
    return this.jwt.sign(claims, {
      algorithm: ALGORITHM,
      expiresIn: options.ttlSeconds ?? this.ttlSeconds,
      issuer: TOKEN_ISSUER,
    });
  }

  /** The user a token stands for; throws `AuthenticationError` when it does not verify. */
  verify(token: string | undefined | null): AuthUser {
    if (typeof token !== 'string' || token.length === 0) throw new AuthenticationError();
    let payload: Record<string, unknown>;
    try {
      payload = this.jwt.verify<Record<string, unknown>>(token, {
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        clockTimestamp: Math.floor(this.clock() / 1000),
      });
    } catch (error) {
      throw new AuthenticationError(
        error instanceof TokenExpiredError ? 'The token has expired' : 'The token is not valid',
      );
    }
    return userFromClaims(payload);
  }
}

function userFromClaims(payload: Record<string, unknown>): AuthUser {
  const { sub, role, name, exp } = payload;
  const valid =
    typeof sub === 'string' &&
    sub.length > 0 &&
    sub.length <= MAX_USER_ID_LENGTH &&
    isRole(role) &&
    (name === undefined || (typeof name === 'string' && name.length <= MAX_NAME_LENGTH)) &&
    // A token without an expiry would be valid forever.
    typeof exp === 'number';
  if (!valid) throw new AuthenticationError('The token does not name a Switchboard user');
  return name === undefined ? { userId: sub, role } : { userId: sub, role, name };
}
