/** No credentials, or credentials that do not verify: HTTP 401, socket connection refused. */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'A valid bearer token is required') {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** A verified caller whose role the route does not admit: HTTP 403. */
export class AccessDeniedError extends Error {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'Your role may not do this') {
    super(message);
    this.name = 'AccessDeniedError';
  }
}
