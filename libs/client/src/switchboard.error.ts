/** One field that failed validation (only with `VALIDATION_FAILED`). */
export interface FieldError {
  readonly field: string;
  readonly constraints: Readonly<Record<string, string>>;
}

/** Codes the SDK itself produces (the server's codes are listed in docs/protocol.md). */
export const CLIENT_ERROR_CODES = Object.freeze({
  timeout: 'TIMEOUT',
  disconnected: 'DISCONNECTED',
  network: 'NETWORK_ERROR',
  closed: 'CLIENT_CLOSED',
  badResponse: 'BAD_RESPONSE',
});

/** Server codes that describe a passing condition: the same request may succeed later. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'TIMEOUT',
  'DISCONNECTED',
  'NETWORK_ERROR',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
  'RATE_LIMITED',
  'TOO_MANY_REQUESTS',
  'CONCURRENCY_CONFLICT',
]);

/**
 * Every failure the SDK reports: a server `{code, message, errors?}` (socket ack or HTTP body)
 * or one of `CLIENT_ERROR_CODES`. `retryable` says whether repeating the same request may work.
 */
export class SwitchboardError extends Error {
  override readonly name = 'SwitchboardError';
  readonly retryable: boolean;

  constructor(
    readonly code: string,
    message: string,
    readonly errors?: readonly FieldError[],
    /** HTTP status when the error came over REST. */
    readonly status?: number,
  ) {
    super(message);
    this.retryable = RETRYABLE_CODES.has(code) || (status !== undefined && status >= 500);
  }

  /** From a `{code, message, errors?}` payload, tolerating malformed ones. */
  static fromPayload(payload: unknown, status?: number): SwitchboardError {
    const body = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    const code = typeof body.code === 'string' ? body.code : status ? `HTTP_${status}` : 'UNKNOWN';
    const message = typeof body.message === 'string' ? body.message : code;
    const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : undefined;
    return new SwitchboardError(code, message, errors, status);
  }
}
