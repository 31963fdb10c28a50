/** SQLSTATE classes and codes that mean "the connection went away", not "the query is wrong". */
const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const TRANSIENT_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export function isTransientPgError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') || TRANSIENT_CODES.has(code) || TRANSIENT_ERRNOS.has(code)) {
      return true;
    }
  }
  return typeof message === 'string' && /Connection terminated/i.test(message);
}

/**
 * Retries a read through a short outage (server restart, killed backend) so a catch-up
 * subscription rides it out instead of failing: 6 attempts over about 3 s. Anything else, or
 * a store that is closing, fails at once. Only for reads: an append's outcome after a lost
 * connection is unknown, so the caller retries it (idempotently, by event id).
 */
export async function retryTransient<T>(
  operation: () => Promise<T>,
  stopping: () => boolean,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || stopping() || !isTransientPgError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      if (stopping()) throw error;
    }
  }
}
