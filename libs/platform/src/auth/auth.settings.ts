/** What AuthModule decided from the environment at start-up. */
export interface AuthSettings {
  /** `POST /v1/auth/dev-token` issues tokens (development and test only). */
  readonly devTokens: boolean;
  /** Tokens are signed with the public DEV_JWT_SECRET. */
  readonly devSecret: boolean;
}

export const AUTH_SETTINGS = Symbol('AuthSettings');
